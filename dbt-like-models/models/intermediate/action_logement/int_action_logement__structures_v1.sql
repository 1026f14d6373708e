-- Action Logement offices in the data·inclusion v1 model
-- (sources/action-logement.md §5): the Grist columns are already v1 fields.
with

structures as (
    select * from {{ ref('stg_action_logement__structures') }}
),

final as (
    select
        'action-logement' as source,
        'action-logement--' || structures.id as id,
        structures.nom,
        structures.date_maj,
        structures.description,
        structures.lien_source,
        structures.siret,
        -- an address is published only when it has a street line and a
        -- locality (sources/README §3); no INSEE code nor coordinates here
        -- (upstream's geocoding fills them later)
        case when address.is_kept then structures.commune end as commune,
        case when address.is_kept then structures.code_postal end as code_postal,
        null::text as code_insee,
        case when address.is_kept then structures.adresse end as adresse,
        case when address.is_kept then structures.complement_adresse end as complement_adresse,
        null::double precision as longitude,
        null::double precision as latitude,
        structures.telephone,
        null::text as courriel,
        structures.site_web,
        structures.horaires_accueil,
        null::text as accessibilite_lieu,
        -- typed as v1 values by the editors; a value outside v1 is kept so
        -- that validation reports it (and int_action_logement__unknown_values)
        (
            select array_agg(item.value order by item.value collate "C")
            from (select distinct unnest(structures.reseaux_porteurs) as value) as item
        ) as reseaux_porteurs
    from structures
    cross join lateral (
        select
            (structures.adresse is not null or structures.complement_adresse is not null)
            and (structures.commune is not null or structures.code_postal is not null) as is_kept
    ) as address
)

select * from final

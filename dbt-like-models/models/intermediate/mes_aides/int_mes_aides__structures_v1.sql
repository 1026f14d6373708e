-- Mes Aides in the data·inclusion v1 model (sources/mes-aides.md §5): one
-- structure per published aid (the providing body, no address) and one per
-- published solidarity garage (with its address). Both streams share the
-- mes-aides-- id namespace.
with

-- https://mes-aides.francetravail.fr/<categorie>/<besoin>/<partenaire>/<nom>,
-- each segment lower-cased, unaccented, every non-word character a dash;
-- the besoin is the first one in alphabetical order. No URL when a segment
-- is missing (it would point nowhere).
garage_links as (
    select
        garages.record_number,
        'https://mes-aides.francetravail.fr/'
        || regexp_replace(lower(unaccent(first_besoin.categorie)), '\W', '-', 'g')
        || '/' || regexp_replace(lower(unaccent(first_besoin.besoin)), '\W', '-', 'g')
        || '/' || regexp_replace(lower(unaccent(garages.partenaire)), '\W', '-', 'g')
        || '/' || regexp_replace(lower(unaccent(garages.nom)), '\W', '-', 'g') as lien_source
    from {{ ref('stg_mes_aides__garages') }} as garages
    cross join lateral (
        select
            besoin.value as besoin,
            map_garages_besoins.categorie
        from unnest(garages.besoins) as besoin (value)
        left join {{ ref('map_mes_aides__garages_besoins') }} as map_garages_besoins
            on lower(unaccent(map_garages_besoins.raw)) = lower(unaccent(replace(besoin.value, '’', '''')))
        order by lower(unaccent(besoin.value)) collate "C"
        limit 1
    ) as first_besoin
),

aide_structures as (
    select
        'mes-aides' as source,
        'mes-aides--' || aides.id as id,
        aides.organisme as nom,
        coalesce(aides.mise_a_jour_le, aides.modifiee_le) as date_maj,
        null::text as description,
        aides.voir_l_aide as lien_source,
        null::text as siret,
        null::text as commune,
        null::text as code_postal,
        null::text as code_insee,
        null::text as adresse,
        null::text as complement_adresse,
        null::double precision as longitude,
        null::double precision as latitude,
        aides.contact_tels[1] as telephone,
        aides.contact_emails[1] as courriel,
        -- the body's site is its origin: scheme (if any) and host only
        substring(aides.site from '^(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?[^/?#]+') as site_web,
        null::text as horaires_accueil,
        null::text as accessibilite_lieu,
        null::text[] as reseaux_porteurs
    from {{ ref('stg_mes_aides__aides') }} as aides
),

garage_structures as (
    select
        'mes-aides' as source,
        'mes-aides--' || garages.id as id,
        garages.nom,
        coalesce(garages.mis_a_jour_le, garages.modifie_le) as date_maj,
        null::text as description,
        garage_links.lien_source,
        null::text as siret,
        -- an address is published only when it has a street line and a
        -- locality (sources/README §3); the commune is the referential's
        -- when the place was matched, else the name as written
        case when address.is_kept then coalesce(lieux.commune, garages.ville_nom) end as commune,
        case when address.is_kept then garages.ville_code_postal end as code_postal,
        case when address.is_kept then lieux.code end as code_insee,
        case when address.is_kept then garages.adresse end as adresse,
        null::text as complement_adresse,
        null::double precision as longitude,
        null::double precision as latitude,
        garages.telephone,
        garages.email as courriel,
        garages.url as site_web,
        null::text as horaires_accueil,
        null::text as accessibilite_lieu,
        -- partner networks through seed map_mes_aides__partenaires; AGIL'ESS
        -- is listed there with no v1 value (v1 has no such network)
        case when map_partenaires.v1 is not null then array[map_partenaires.v1] end as reseaux_porteurs
    from {{ ref('stg_mes_aides__garages') }} as garages
    left join {{ ref('int_mes_aides__lieux') }} as lieux
        on lieux.stream = 'garages'
        and lieux.field = 'Ville'
        and lieux.record_number = garages.record_number
    left join garage_links
        on garage_links.record_number = garages.record_number
    left join {{ ref('map_mes_aides__partenaires') }} as map_partenaires
        on map_partenaires.raw = garages.partenaire
    cross join lateral (
        select
            garages.adresse is not null
            and (garages.ville_nom is not null or garages.ville_code_postal is not null) as is_kept
    ) as address
)

select * from aide_structures
union all
select * from garage_structures

-- DORA structures in the data·inclusion v1 model (sources/dora.md §5).
with

-- v1 merged the v0 typologie and labels_nationaux into reseaux_porteurs; a
-- raw value listed with an empty v1 cell is known and gives no network
reseaux as (
    select
        structures.record_number,
        map_labels.v1 as reseau_porteur
    from {{ ref('stg_dora__structures') }} as structures
    cross join lateral unnest(structures.labels_nationaux) as label (value)
    inner join {{ ref('map_dora__labels_nationaux') }} as map_labels
        on map_labels.raw = label.value
    where map_labels.v1 is not null
    union
    select
        structures.record_number,
        map_typologies.v1 as reseau_porteur
    from {{ ref('stg_dora__structures') }} as structures
    inner join {{ ref('map_dora__typologies') }} as map_typologies
        on map_typologies.raw = structures.typologie
    where map_typologies.v1 is not null
),

reseaux_by_structure as (
    select
        reseaux.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(reseaux.reseau_porteur order by reseaux.reseau_porteur collate "C") as reseaux_porteurs
    from reseaux
    group by reseaux.record_number
)

select
    'dora' as source,
    'dora--' || structures.id as id,
    structures.nom,
    structures.date_maj,
    -- the detailed presentation wins; DORA's own cut is at 10,000 chars
    -- (9,999 + …), one char earlier than the final layer's
    case
        when char_length(structures.presentation_detail) >= 10000
            then left(structures.presentation_detail, 9999) || '…'
        else coalesce(structures.presentation_detail, structures.presentation_resume)
    end as description,
    structures.lien_source,
    structures.siret,
    -- an address is published only when it has a street line and a
    -- locality; otherwise all its fields stay empty (sources/README §3)
    {{ kept_address('structures', 'address.is_kept') }},
    structures.telephone,
    structures.courriel,
    structures.site_web,
    structures.horaires_ouverture as horaires_accueil,
    structures.accessibilite as accessibilite_lieu,
    reseaux_by_structure.reseaux_porteurs
from {{ ref('stg_dora__structures') }} as structures
cross join lateral (
    select
        (structures.adresse is not null or structures.complement_adresse is not null)
        and (
            structures.commune is not null
            or structures.code_insee is not null
            or structures.code_postal is not null
        ) as is_kept
) as address
left join reseaux_by_structure
    on reseaux_by_structure.record_number = structures.record_number

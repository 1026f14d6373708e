-- Fredo structures in the data·inclusion v1 model (sources/fredo.md §5): one
-- structure per object of structures.json.
with

-- only the territorial authorities give a v1 network (région, commune,
-- département); associations, companies, the State… give none
reseaux as (
    select distinct
        structures.record_number,
        map_type_structure.v1 as reseau_porteur
    from {{ ref('stg_fredo__structures') }} as structures
    cross join lateral unnest(structures.type_structure) as type_structure (value)
    inner join {{ ref('map_fredo__type_structure') }} as map_type_structure
        on map_type_structure.raw = type_structure.value
    where map_type_structure.v1 is not null
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
    'fredo' as source,
    'fredo--' || structures.id as id,
    structures.nom,
    structures.last_update as date_maj,
    structures.presentation_resume as description,
    -- the public page on fredo.re is named after the structure: the name
    -- as a lower-case ASCII slug (accents folded with unaccent, every
    -- other run of characters becomes one dash), as upstream's slugify
    'https://fredo.re/ad/' || nullif(
        btrim(regexp_replace(lower(unaccent(structures.nom)), '[^a-z0-9]+', '-', 'g'), '-'),
        ''
    ) as lien_source,
    structures.siret,
    -- an address is published only when it has a street line and a
    -- locality (sources/README §3); otherwise all its fields stay empty
    -- Fredo has no INSEE code
    {{ kept_address('structures', 'address.is_kept', 'code_insee', 'complement_adresse') }},
    -- v1 holds one phone and one e-mail: the first of each list
    structures.telephones[1] as telephone,
    structures.emails[1] as courriel,
    structures.lien_source as site_web,
    -- free text ("Lundi au vendredi 8h-16h"), copied as upstream does
    structures.horaires_ouverture as horaires_accueil,
    reseaux_by_structure.reseaux_porteurs
from {{ ref('stg_fredo__structures') }} as structures
cross join lateral (
    select
        structures.adresse is not null
        and (structures.commune is not null or structures.code_postal is not null) as is_kept
) as address
left join reseaux_by_structure
    on reseaux_by_structure.record_number = structures.record_number

-- Fredo services in the data·inclusion v1 model (sources/fredo.md §5): one
-- service per distinct item of a structure's `services` array. Themes,
-- fees and publics are the structure's, shared by all its services.
with

mapped_thematiques as (
    select distinct
        structures.record_number,
        map_categories.v1 as thematique
    from {{ ref('stg_fredo__structures') }} as structures
    cross join lateral unnest(structures.categories) as category (value)
    inner join {{ ref('map_fredo__categories') }} as map_categories
        on map_categories.raw = category.value
    where map_categories.v1 is not null
),

thematiques as (
    select
        mapped_thematiques.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(mapped_thematiques.thematique order by mapped_thematiques.thematique collate "C") as thematiques
    from mapped_thematiques
    group by mapped_thematiques.record_number
),

mapped_publics as (
    select distinct
        structures.record_number,
        map_publics.v1 as public
    from {{ ref('stg_fredo__structures') }} as structures
    cross join lateral unnest(structures.publics) as public (value)
    inner join {{ ref('map_fredo__publics') }} as map_publics
        on map_publics.raw = public.value
    where map_publics.v1 is not null
),

-- "tout public" next to narrower publics means everyone: v1 wants
-- tous-publics alone
publics as (
    select
        mapped_publics.record_number,
        case
            when bool_or(mapped_publics.public = 'tous-publics') then array['tous-publics']
            else array_agg(mapped_publics.public order by mapped_publics.public collate "C")
        end as publics
    from mapped_publics
    group by mapped_publics.record_number
),

-- One fee item decides: "gratuit" if listed, else "payant", else the
-- alphabetically first item, which gives nothing when it mentions a
-- condition and gratuit otherwise (sources/fredo.md §5).
frais as (
    select distinct on (structures.record_number)
        structures.record_number,
        case
            when item.value = 'gratuit' then 'gratuit'
            when item.value = 'payant' then 'payant'
            when item.value !~ 'condition' then 'gratuit'
        end as frais
    from {{ ref('stg_fredo__structures') }} as structures
    cross join lateral unnest(structures.frais) as item (value)
    order by
        structures.record_number,
        item.value = 'gratuit' desc,
        item.value = 'payant' desc,
        item.value collate "C"
),

-- the other fee items are details, except conditions and the appointment
-- notes ("sur rendez-vous") that Fredo puts in the same field
frais_precisions as (
    select
        structures.record_number,
        string_agg(item.value, ', ' order by item.position) as frais_precisions
    from {{ ref('stg_fredo__structures') }} as structures
    cross join lateral unnest(structures.frais) with ordinality as item (value, position)
    where item.value not in ('gratuit', 'payant')
        and item.value !~ 'condition'
        and item.value !~ 'rendez'
    group by structures.record_number
)

select
    'fredo' as source,
    -- the lower-cased item is part of the id (spaces, / and accents included)
    'fredo--' || structures.id || '-' || services.value as id,
    structures_v1.id as structure_id,
    upper(left(services.value, 1)) || substring(services.value from 2) as nom,
    structures_v1.description,
    structures_v1.lien_source,
    map_services.v1 as type,
    thematiques.thematiques,
    frais.frais,
    frais_precisions.frais_precisions,
    publics.publics,
    -- the structure's address
    structures_v1.commune,
    structures_v1.code_postal,
    structures_v1.code_insee,
    structures_v1.adresse,
    structures_v1.complement_adresse,
    structures_v1.longitude,
    structures_v1.latitude,
    structures_v1.telephone,
    structures_v1.courriel,
    -- a structure with a street line receives people there
    case
        when structures.adresse is not null then array['en-presentiel']
        else array['a-distance']
    end as modes_accueil,
    -- Fredo covers La Réunion only
    array['974'] as zone_eligibilite,
    array['envoyer-un-courriel', 'telephoner'] as modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    structures_v1.horaires_accueil,
    structures_v1.date_maj,
    -- the zone is always given
    null::text as _zone_eligibilite_type
from {{ ref('stg_fredo__services') }} as services
inner join {{ ref('stg_fredo__structures') }} as structures
    on structures.run_id = services.run_id
    and structures.record_number = services.record_number
inner join {{ ref('int_fredo__structures_v1') }} as structures_v1
    on structures_v1.id = 'fredo--' || structures.id
left join {{ ref('map_fredo__services') }} as map_services
    on map_services.raw = services.value
left join thematiques
    on thematiques.record_number = structures.record_number
left join publics
    on publics.record_number = structures.record_number
left join frais
    on frais.record_number = structures.record_number
left join frais_precisions
    on frais_precisions.record_number = structures.record_number

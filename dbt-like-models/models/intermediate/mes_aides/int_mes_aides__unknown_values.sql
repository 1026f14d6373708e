-- Raw values of Mes Aides that no mapping seed knows (same columns as
-- int__unknown_values): a value listed in a seed with an empty v1 cell is
-- known and deliberately gives nothing; a value missing from the seed, or a
-- place that int_mes_aides__lieux could not resolve, would silently give
-- nothing, so it is listed here until someone adds it to the seed. Fields
-- are named "<stream>.<CSV header>". Values are compared as the models
-- compare them (lower-cased, unaccented where the mapping does so).
with

-- (field, value as reported, key it is compared on, record)
observed as (
    select
        'aides.Besoins' as field,
        lower(replace(besoin.value, '’', '''')) as raw_value,
        lower(unaccent(replace(besoin.value, '’', ''''))) as match_key,
        'aides/' || aides.record_number as record_key
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.besoins) as besoin (value)
    union all
    select
        'aides.Type d''aide' as field,
        normalised.value as raw_value,
        normalised.value as match_key,
        'aides/' || aides.record_number as record_key
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.types_aide) as type_aide (value)
    cross join lateral (
        select btrim(lower(unaccent(regexp_replace(type_aide.value, '\s*\(\s*ex\s*:.*\)\s*$', '', 'i')))) as value
    ) as normalised
    union all
    select
        'aides.Nature' as field,
        lower(unaccent(replace(nature.value, '’', ''''))) as raw_value,
        lower(unaccent(replace(nature.value, '’', ''''))) as match_key,
        'aides/' || aides.record_number as record_key
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.natures) as nature (value)
    union all
    select
        'aides.Zone géographique' as field,
        lower(unaccent(aides.zone_geographique)) as raw_value,
        lower(unaccent(aides.zone_geographique)) as match_key,
        'aides/' || aides.record_number as record_key
    from {{ ref('stg_mes_aides__aides') }} as aides
    where aides.zone_geographique is not null
    union all
    select
        'garages.Besoins' as field,
        besoin.value as raw_value,
        lower(unaccent(replace(besoin.value, '’', ''''))) as match_key,
        'garages/' || garages.record_number as record_key
    from {{ ref('stg_mes_aides__garages') }} as garages
    cross join lateral unnest(garages.besoins) as besoin (value)
    union all
    select
        'garages.Services' as field,
        service.value as raw_value,
        lower(unaccent(service.value)) as match_key,
        'garages/' || garages.record_number as record_key
    from {{ ref('stg_mes_aides__garages') }} as garages
    cross join lateral unnest(garages.services) as service (value)
    union all
    select
        'garages.Partenaire' as field,
        garages.partenaire as raw_value,
        garages.partenaire as match_key,
        'garages/' || garages.record_number as record_key
    from {{ ref('stg_mes_aides__garages') }} as garages
    where garages.partenaire is not null
),

known as (
    select 'aides.Besoins' as field, lower(unaccent(known.raw)) as match_key
    from {{ ref('map_mes_aides__besoins') }} as known
    union all
    select 'aides.Type d''aide' as field, known.raw as match_key
    from {{ ref('map_mes_aides__types_aide') }} as known
    union all
    select 'aides.Nature' as field, known.raw as match_key
    from {{ ref('map_mes_aides__natures') }} as known
    union all
    select 'aides.Zone géographique' as field, known.raw as match_key
    from {{ ref('map_mes_aides__zones_geographiques') }} as known
    union all
    select 'garages.Besoins' as field, lower(unaccent(known.raw)) as match_key
    from {{ ref('map_mes_aides__garages_besoins') }} as known
    union all
    select 'garages.Services' as field, lower(unaccent(known.raw)) as match_key
    from {{ ref('map_mes_aides__garages_services') }} as known
    union all
    select 'garages.Partenaire' as field, known.raw as match_key
    from {{ ref('map_mes_aides__partenaires') }} as known
),

unknown as (
    select
        observed.field,
        observed.raw_value,
        observed.record_key
    from observed
    left join known
        on known.field = observed.field
        and known.match_key = observed.match_key
    where known.match_key is null
    union all
    -- places without a code: a commune not found under its postal code, a
    -- région name too far from every name, an EPCI absent from the seed,
    -- an unreadable département
    select
        lieux.stream || '.' || lieux.field as field,
        lieux.raw_value,
        lieux.stream || '/' || lieux.record_number as record_key
    from {{ ref('int_mes_aides__lieux') }} as lieux
    where lieux.code is null
)

select
    'mes-aides' as source,
    unknown.field,
    unknown.raw_value,
    count(distinct unknown.record_key) as rows
from unknown
group by unknown.field, unknown.raw_value

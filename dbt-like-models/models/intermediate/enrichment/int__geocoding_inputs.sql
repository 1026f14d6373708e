-- One row per structure and per service with a street address, read before
-- any enrichment, with a key that an unchanged address always gets again:
-- the remote geocoder sends each key once and keeps the answer in
-- ops.geocoding_cache, which int__addresses_enriched reads back.
with

addresses as (
    select
        'structure' as entity,
        structures.source,
        structures.id,
        structures.adresse,
        structures.code_postal,
        structures.commune,
        structures.code_insee
    from {{ ref('int__structures_unioned') }} as structures
    union all
    select
        'service' as entity,
        services.source,
        services.id,
        services.adresse,
        services.code_postal,
        services.commune,
        services.code_insee
    from {{ ref('int__services_unioned') }} as services
)

select
    addresses.entity,
    addresses.source,
    addresses.id,
    addresses.adresse,
    addresses.code_postal,
    addresses.commune,
    addresses.code_insee,
    -- accents, case and runs of spaces do not make another address; an
    -- empty part keeps its place so that "a||c" never reads as "a|c"
    concat_ws(
        '|',
        coalesce(regexp_replace(btrim(lower(unaccent(addresses.adresse))), '\s+', ' ', 'g'), ''),
        coalesce(regexp_replace(btrim(lower(unaccent(addresses.code_postal))), '\s+', ' ', 'g'), ''),
        coalesce(regexp_replace(btrim(lower(unaccent(addresses.commune))), '\s+', ' ', 'g'), '')
    ) as geocoding_key
from addresses
-- a geocoder needs a street line and where to look for it
where addresses.adresse is not null
    and (addresses.code_postal is not null or addresses.commune is not null)

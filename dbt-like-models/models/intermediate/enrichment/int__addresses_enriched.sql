-- The address of every structure and service completed from the
-- referential (docs/models.md, "Address enrichment"): the current commune's
-- INSEE code and how it was found, its département, région and EPCI, and
-- coordinates that were checked, with how precise they are:
--   address  the producer's coordinates passed the checks, or the remote
--            geocoder's accepted result for the address (which wins);
--   commune  the point of the commune (or arrondissement, commune déléguée)
--            resolved from the address;
--   none     neither.
-- The producer's coordinates are kept aside with the reason when rejected.
-- commune_resolution() (sql/functions/geography/communes.sql) reads {{ ref('communes_codes_postaux') }}
-- and the communes below: naming them here builds them first.
with

records as (
    select
        'structure' as entity,
        structures.source,
        structures.id,
        structures.code_insee,
        structures.code_postal,
        structures.commune,
        structures.latitude,
        structures.longitude
    from {{ ref('int__structures_unioned') }} as structures
    union all
    select
        'service' as entity,
        services.source,
        services.id,
        services.code_insee,
        services.code_postal,
        services.commune,
        services.latitude,
        services.longitude
    from {{ ref('int__services_unioned') }} as services
),

-- each distinct address is resolved once, all of them in one call
distinct_addresses as (
    select
        row_number() over (order by records.code_insee, records.code_postal, records.commune) as ordinal,
        records.code_insee,
        records.code_postal,
        records.commune
    from records
    where coalesce(records.code_insee, records.code_postal, records.commune) is not null
    group by records.code_insee, records.code_postal, records.commune
),

resolutions as (
    select resolution.*
    from (
        select
            array_agg(distinct_addresses.code_insee order by distinct_addresses.ordinal) as codes_insee,
            array_agg(distinct_addresses.code_postal order by distinct_addresses.ordinal) as codes_postaux,
            array_agg(distinct_addresses.commune order by distinct_addresses.ordinal) as communes
        from distinct_addresses
    ) as lists
    cross join lateral commune_resolution(lists.codes_insee, lists.codes_postaux, lists.communes) as resolution
),

resolved_addresses as (
    select
        distinct_addresses.code_insee as code_insee_source,
        distinct_addresses.code_postal,
        distinct_addresses.commune,
        resolutions.code_insee,
        resolutions.origin,
        resolutions.latitude as commune_latitude,
        resolutions.longitude as commune_longitude
    from distinct_addresses
    inner join resolutions
        on resolutions.ordinal = distinct_addresses.ordinal
),

-- the remote geocoder's answers, only those its threshold accepted
geocoded as (
    select
        geocoding_inputs.entity,
        geocoding_inputs.id,
        geocoding_cache.latitude,
        geocoding_cache.longitude
    from {{ ref('int__geocoding_inputs') }} as geocoding_inputs
    inner join ops.geocoding_cache as geocoding_cache
        on geocoding_cache.geocoding_key = geocoding_inputs.geocoding_key
    where geocoding_cache.accepted
        and geocoding_cache.latitude is not null
        and geocoding_cache.longitude is not null
),

checked as (
    select
        records.entity,
        records.source,
        records.id,
        records.code_insee as code_insee_source,
        records.latitude as latitude_source,
        records.longitude as longitude_source,
        resolved_addresses.code_insee,
        coalesce(resolved_addresses.origin, 'none') as code_insee_origin,
        resolved_addresses.commune_latitude,
        resolved_addresses.commune_longitude,
        current_communes.code_departement,
        current_communes.code_region,
        current_communes.code_epci,
        geocoded.latitude as geocoded_latitude,
        geocoded.longitude as geocoded_longitude,
        coordinates_problem(
            records.latitude,
            records.longitude,
            resolved_addresses.commune_latitude,
            resolved_addresses.commune_longitude,
            current_communes.code_departement
        ) as coordinates_problem
    from records
    -- NULL-safe and hashable: an absent part matches an absent part
    left join resolved_addresses
        on coalesce(resolved_addresses.code_insee_source, '') = coalesce(records.code_insee, '')
        and coalesce(resolved_addresses.code_postal, '') = coalesce(records.code_postal, '')
        and coalesce(resolved_addresses.commune, '') = coalesce(records.commune, '')
    left join {{ ref('communes') }} as current_communes
        on current_communes.code_insee = resolved_addresses.code_insee
        and current_communes.type = 'COM'
    left join geocoded
        on geocoded.entity = records.entity
        and geocoded.id = records.id
),

final as (
    select
        checked.entity,
        checked.source,
        checked.id,
        checked.code_insee,
        checked.code_insee_origin as _code_insee_origin,
        checked.code_departement,
        checked.code_region,
        checked.code_epci,
        case
            when checked.geocoded_latitude is not null then checked.geocoded_latitude
            when checked.latitude_source is not null and checked.coordinates_problem is null then checked.latitude_source
            else checked.commune_latitude
        end as latitude,
        case
            when checked.geocoded_latitude is not null then checked.geocoded_longitude
            when checked.latitude_source is not null and checked.coordinates_problem is null then checked.longitude_source
            else checked.commune_longitude
        end as longitude,
        case
            when checked.geocoded_latitude is not null then 'address'
            when checked.latitude_source is not null and checked.coordinates_problem is null then 'address'
            when checked.commune_latitude is not null then 'commune'
            else 'none'
        end as _geocoding_precision,
        checked.code_insee_source as _code_insee_source,
        checked.latitude_source as _latitude_source,
        checked.longitude_source as _longitude_source,
        checked.coordinates_problem as _coordinates_rejection_reason
    from checked
)

select * from final
order by final.entity, final.source, final.id

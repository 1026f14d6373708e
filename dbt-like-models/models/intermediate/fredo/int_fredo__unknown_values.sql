-- Fredo raw values (lower-cased, as the mapping compares them) found in the
-- current data that no mapping seed knows; same columns as
-- int__unknown_values, to be appended to it. Fredo maps only its most
-- frequent categories, so categories are expected here; a value listed in a
-- seed with an empty v1 cell is known and deliberately maps to nothing.
with

structures as (
    select * from {{ ref('stg_fredo__structures') }}
),

-- every (field, value, structure) that the mapping reads
observed as (
    select
        'categories' as field,
        item.value as raw_value,
        structures.record_number::text as record_key
    from structures as structures
    cross join lateral unnest(structures.categories) as item (value)
    union all
    select
        'services' as field,
        item.value as raw_value,
        structures.record_number::text as record_key
    from structures as structures
    cross join lateral unnest(structures.services) as item (value)
    union all
    select
        'publics' as field,
        item.value as raw_value,
        structures.record_number::text as record_key
    from structures as structures
    cross join lateral unnest(structures.publics) as item (value)
    union all
    select
        'type_structure' as field,
        item.value as raw_value,
        structures.record_number::text as record_key
    from structures as structures
    cross join lateral unnest(structures.type_structure) as item (value)
),

known as (
    select 'categories' as field, known.raw as raw_value
    from {{ ref('map_fredo__categories') }} as known
    union all
    select 'services' as field, known.raw as raw_value
    from {{ ref('map_fredo__services') }} as known
    union all
    select 'publics' as field, known.raw as raw_value
    from {{ ref('map_fredo__publics') }} as known
    union all
    select 'type_structure' as field, known.raw as raw_value
    from {{ ref('map_fredo__type_structure') }} as known
),

final as (
    select
        'fredo' as source,
        observed.field as field,
        observed.raw_value as raw_value,
        count(distinct observed.record_key) as rows
    from observed as observed
    left join known as known
        on known.field = observed.field
        and known.raw_value = observed.raw_value
    where known.raw_value is null
    group by observed.field, observed.raw_value
)

select * from final

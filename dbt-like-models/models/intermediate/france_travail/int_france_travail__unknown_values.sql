-- Raw values of France Travail that no vocabulary knows and that no
-- mapped_by_seed test can see (same columns as int__unknown_values): the
-- frais items of a comma-separated list and the weekdays of the agencies'
-- opening hours. The catalogue's other vocabulary columns are declared with
-- mapped_by_seed next to stg_france_travail__services.
with

-- every (field, value, record) read as a vocabulary value or a code
observed as (
    -- a single value in v1; a list here is checked item by item
    select
        'frais' as field,
        btrim(item.value, E' \t\r\n') as raw_value,
        catalogue.record_number::text as record_key
    from {{ ref('stg_france_travail__services') }} as catalogue
    cross join lateral string_to_table(catalogue.frais, ',') as item (value)
    where btrim(item.value, E' \t\r\n') <> ''
    union all
    -- days outside 1 (Monday) … 7 (Sunday) are left out of the opening hours
    select
        'horaires.jour' as field,
        coalesce(item.value ->> 'jour', 'null') as raw_value,
        agences.record_number::text as record_key
    from {{ ref('stg_france_travail__agences') }} as agences
    cross join lateral jsonb_array_elements(agences.horaires) as item (value)
    where jsonb_typeof(item.value) = 'object'
),

-- every (field, value) that is understood
known as (
    select 'frais' as field, known.value as raw_value
    from {{ ref('v1_frais') }} as known
    union all
    select 'horaires.jour' as field, day.value::text as raw_value
    from generate_series(1, 7) as day (value)
)

select
    'france-travail' as source,
    observed.field,
    observed.raw_value,
    count(distinct observed.record_key) as rows
from observed
left join known
    on known.field = observed.field
    and known.raw_value = observed.raw_value
where known.raw_value is null
group by observed.field, observed.raw_value

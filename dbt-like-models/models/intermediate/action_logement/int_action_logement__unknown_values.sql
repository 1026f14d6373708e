-- Raw values of Action Logement that no vocabulary knows and that no
-- mapped_by_seed test can see (same columns as int__unknown_values): the
-- frais items of a comma-separated list. The other vocabulary columns are
-- declared with mapped_by_seed next to the staging models.
with

-- a single value in v1; a list here is checked item by item
observed as (
    select
        btrim(item.value, E' \t\r\n') as raw_value,
        'services/' || catalogue.record_number as record_key
    from {{ ref('stg_action_logement__services') }} as catalogue
    cross join lateral string_to_table(catalogue.frais, ',') as item (value)
    where btrim(item.value, E' \t\r\n') <> ''
)

select
    'action-logement' as source,
    'frais' as field,
    observed.raw_value,
    count(distinct observed.record_key) as rows
from observed
left join {{ ref('v1_frais') }} as known
    on known.value = observed.raw_value
where known.value is null
group by observed.raw_value

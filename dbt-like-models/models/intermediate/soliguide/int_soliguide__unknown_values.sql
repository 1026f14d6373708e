-- Soliguide raw values that no mapped_by_seed test can see (same columns as
-- int__unknown_values): the holiday status inside the opening-hours objects.
-- The other mapped fields are declared with mapped_by_seed next to the
-- staging models.
with

-- every opening-hours object with the place or service carrying it
hours as (
    select lieux.newhours as value, 'lieu/' || lieux.lieu_id as record_key
    from {{ ref('stg_soliguide__lieux') }} as lieux
    union all
    select lieux.temp_infos_hours_hours as value, 'lieu/' || lieux.lieu_id as record_key
    from {{ ref('stg_soliguide__lieux') }} as lieux
    union all
    select services.hours as value, 'service/' || services.service_id as record_key
    from {{ ref('stg_soliguide__services') }} as services
),

observed as (
    select
        -- compared as int_soliguide__opening_hours reads it
        upper(btrim(hours.value ->> 'closedHolidays')) as raw_value,
        hours.record_key
    from hours
    where hours.value ->> 'closedHolidays' is not null
)

select
    'soliguide' as source,
    'closedHolidays' as field,
    observed.raw_value,
    count(distinct observed.record_key) as rows
from observed
-- the holiday statuses that int_soliguide__opening_hours understands
where observed.raw_value not in ('CLOSED', 'OPEN', 'UNKNOWN')
group by observed.raw_value

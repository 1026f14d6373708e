-- Soliguide raw values found in the current data that no mapping seed (or
-- fixed list of the mapping) knows; same columns as int__unknown_values, to
-- be appended to it. A value listed in a seed with an empty v1 cell is known
-- and deliberately maps to nothing.
with

lieux as (
    select * from {{ ref('stg_soliguide__lieux') }}
),

services as (
    select * from {{ ref('stg_soliguide__services') }}
),

-- every (field, value, record) that the mapping reads; the record key is the
-- place id or the service id
observed as (
    select
        'category' as field,
        services.category as raw_value,
        'service/' || services.service_id as record_key
    from services
    where services.category is not null
    union all
    select
        'sources' as field,
        source.name as raw_value,
        'lieu/' || lieux.lieu_id as record_key
    from lieux
    cross join lateral unnest(lieux.sources) as source (name)
    union all
    -- publics of places and of services, every dimension
    select
        'publics.' || dimension.name as field,
        item.value as raw_value,
        'lieu/' || lieux.lieu_id as record_key
    from lieux
    cross join lateral (
        values
            ('administrative', lieux.publics_administrative),
            ('familialle', lieux.publics_familiale),
            ('gender', lieux.publics_gender),
            ('other', lieux.publics_other)
    ) as dimension (name, values_)
    cross join lateral unnest(dimension.values_) as item (value)
    union all
    select
        'publics.' || dimension.name as field,
        item.value as raw_value,
        'service/' || services.service_id as record_key
    from services
    cross join lateral (
        values
            ('administrative', services.publics_administrative),
            ('familialle', services.publics_familiale),
            ('gender', services.publics_gender),
            ('other', services.publics_other)
    ) as dimension (name, values_)
    cross join lateral unnest(dimension.values_) as item (value)
    union all
    select
        'saturated.status' as field,
        services.saturated_status as raw_value,
        'service/' || services.service_id as record_key
    from services
    where services.saturated_status is not null
    union all
    select
        'closedHolidays' as field,
        -- compared as int_soliguide__opening_hours reads it
        upper(btrim(hours.value ->> 'closedHolidays')) as raw_value,
        hours.record_key
    from (
        select lieux.newhours as value, 'lieu/' || lieux.lieu_id as record_key
        from lieux
        union all
        select lieux.temp_infos_hours_hours as value, 'lieu/' || lieux.lieu_id as record_key
        from lieux
        union all
        select services.hours as value, 'service/' || services.service_id as record_key
        from services
    ) as hours
    where hours.value ->> 'closedHolidays' is not null
),

-- every (field, value) that a seed or the mapping's fixed lists know
known as (
    select 'category' as field, known.raw as raw_value
    from {{ ref('map_soliguide__categories') }} as known
    union all
    select 'sources' as field, known.raw as raw_value
    from {{ ref('map_soliguide__sources') }} as known
    union all
    -- the publics seed is shared by the four dimensions
    select 'publics.' || dimension.name as field, known.raw as raw_value
    from {{ ref('map_soliguide__publics') }} as known
    cross join (values ('administrative'), ('familialle'), ('gender'), ('other')) as dimension (name)
    union all
    -- the saturation levels (lower-cased in staging) of which only high is used
    select 'saturated.status' as field, status.value as raw_value
    from (values ('low'), ('moderate'), ('high')) as status (value)
    union all
    -- the holiday statuses that int_soliguide__opening_hours understands
    select 'closedHolidays' as field, status.value as raw_value
    from (values ('CLOSED'), ('OPEN'), ('UNKNOWN')) as status (value)
),

final as (
    select
        'soliguide' as source,
        observed.field,
        observed.raw_value,
        count(distinct observed.record_key) as rows
    from observed
    left join known
        on known.field = observed.field
        and known.raw_value = observed.raw_value
    where known.raw_value is null
    group by observed.field, observed.raw_value
)

select * from final

-- Soliguide hours objects converted to OpenStreetMap opening_hours
-- (sources/soliguide.md §3.3), one row per object: a place's regular hours
-- (`newhours`), its temporary hours (`tempInfos.hours.hours`) and each
-- service's own hours. Written in SQL because the project has no functions:
-- the structures and services mappings pick the row they need.
-- Example: `Mo 08:30-17:00 open, Tu closed, …, Su closed; <description>; PH closed`.
with

hours_objects as (
    select
        'lieu' as kind,
        lieux.lieu_id as id,
        lieux.newhours as hours
    from {{ ref('stg_soliguide__lieux') }} as lieux
    where lieux.newhours is not null
    union all
    select
        'lieu_temporaire' as kind,
        lieux.lieu_id as id,
        lieux.temp_infos_hours_hours as hours
    from {{ ref('stg_soliguide__lieux') }} as lieux
    where lieux.temp_infos_hours_hours is not null
    union all
    select
        'service' as kind,
        services.service_id as id,
        services.hours
    from {{ ref('stg_soliguide__services') }} as services
    where services.hours is not null
),

week_days as (
    select
        day.position,
        day.name,
        -- monday -> Mo, tuesday -> Tu, …
        initcap(left(day.name, 2)) as abbreviation
    from (
        values
            (1, 'monday'), (2, 'tuesday'), (3, 'wednesday'), (4, 'thursday'),
            (5, 'friday'), (6, 'saturday'), (7, 'sunday')
    ) as day (position, name)
),

-- one rule per day; NULL when the day is missing or malformed, which makes
-- the whole object unconvertible (upstream's validation rejects it too)
day_rules as (
    select
        hours_objects.kind,
        hours_objects.id,
        week_days.position,
        case
            when jsonb_typeof(hours_objects.hours -> week_days.name) <> 'object'
                or jsonb_typeof(hours_objects.hours -> week_days.name -> 'open') <> 'boolean'
                then null
            when not (hours_objects.hours -> week_days.name ->> 'open')::boolean
                then week_days.abbreviation || ' closed'
            when slots.invalid_slots = 0
                -- an open day without slots says "open" without times
                then week_days.abbreviation || coalesce(' ' || slots.ranges, '') || ' open'
        end as rule
    from hours_objects
    cross join week_days
    cross join lateral (
        select
            -- times are integers HHMM without leading zero: 830 -> 08:30
            string_agg(
                left(lpad(slot.value ->> 'start', 4, '0'), 2) || ':' || right(lpad(slot.value ->> 'start', 4, '0'), 2)
                || '-'
                || left(lpad(slot.value ->> 'end', 4, '0'), 2) || ':' || right(lpad(slot.value ->> 'end', 4, '0'), 2),
                ','
                order by slot.position
            ) as ranges,
            count(*) filter (
                where coalesce(slot.value ->> 'start', '') !~ '^\d{1,4}$'
                    or coalesce(slot.value ->> 'end', '') !~ '^\d{1,4}$'
            ) as invalid_slots
        from jsonb_array_elements(
            case
                when jsonb_typeof(hours_objects.hours -> week_days.name -> 'timeslot') = 'array'
                    then hours_objects.hours -> week_days.name -> 'timeslot'
                else '[]'::jsonb
            end
        ) with ordinality as slot (value, position)
    ) as slots
),

weeks as (
    select
        day_rules.kind,
        day_rules.id,
        string_agg(day_rules.rule, ', ' order by day_rules.position) as rules,
        count(day_rules.rule) as valid_days
    from day_rules
    group by day_rules.kind, day_rules.id
)

select
    hours_objects.kind,
    hours_objects.id,
    case
        when weeks.valid_days = 7
            then weeks.rules
                -- the free-text description is appended as the file says,
                -- although it is not opening_hours syntax
                || coalesce('; ' || {{ text('description', 'hours_objects.hours') }}, '')
                -- closedHolidays is compared trimmed and upper-cased; any
                -- other spelling says nothing about public holidays and is
                -- listed by int_soliguide__unknown_values
                || case upper(btrim(hours_objects.hours ->> 'closedHolidays'))
                    when 'CLOSED' then '; PH closed'
                    when 'OPEN' then '; PH open'
                    else ''
                end
    end as opening_hours
from hours_objects
inner join weeks
    on weeks.kind = hours_objects.kind
    and weeks.id = hours_objects.id

-- monenfant raw values that the mapping does not know (same columns as
-- int__unknown_values). Every v1 value of this source is a constant; only the
-- closing periods of the calendar are read as a vocabulary (an unknown one is
-- left out of the opening hours).
with

creches as (
    select * from {{ ref('stg_monenfant__creches') }}
),

observed as (
    select
        'periodes_fermetures' as field,
        period.value as raw_value,
        creches.id as record_key
    from creches
    cross join lateral unnest(creches.periodes_fermetures) as period (value)
),

-- the periods that the opening-hours conversion knows
known as (
    select known_period.value as raw_value
    from (values ('jamais'), ('juillet'), ('aout'), ('noel_nouvel_an')) as known_period (value)
),

final as (
    select
        'monenfant' as source,
        observed.field,
        observed.raw_value,
        count(distinct observed.record_key) as rows
    from observed
    where not exists (
        select 1
        from known
        where known.raw_value = observed.raw_value
    )
    group by observed.field, observed.raw_value
)

select * from final

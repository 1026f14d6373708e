-- Published with each version so that `warehouse sources` and dashboards can
-- say, per source, how many raw values no mapping seed knows yet.
with

unknown as (
    select * from {{ ref('int__unknown_values') }}
),

final as (
    select
        unknown.source,
        unknown.field,
        unknown.raw_value,
        unknown.rows
    from unknown
)

select * from final order by source, field, raw_value

-- Published with each version so that `warehouse sources` and dashboards can
-- say, per source, how many raw values no mapping seed knows yet.
with

final as (
    select
        unknown.source,
        unknown.field,
        unknown.raw_value,
        unknown.rows
    from {{ ref('int__unknown_values') }} as unknown
)

select * from final order by source, field, raw_value

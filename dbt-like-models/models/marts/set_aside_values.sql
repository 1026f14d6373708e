-- Published with each version: what the normalizers left out and why.
with

set_aside as (
    select * from {{ ref('int__set_aside_values') }}
),

final as (
    select
        set_aside.source,
        set_aside.entity,
        set_aside.id,
        set_aside.field,
        set_aside.value,
        set_aside.reason
    from set_aside
)

select * from final order by source, entity, id, field

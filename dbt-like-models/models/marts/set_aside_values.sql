-- Published with each version: what the normalizers left out and why.
with

set_aside as (
    select * from {{ ref('int__set_aside_values') }}
),

final as (
    select
        set_aside.source as source,
        set_aside.entity as entity,
        set_aside.id as id,
        set_aside.field as field,
        set_aside.value as value,
        set_aside.reason as reason
    from set_aside as set_aside
)

select * from final order by source, entity, id, field

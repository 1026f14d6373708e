-- Published with each version: what the normalizers left out and why.
with

final as (
    select
        set_aside.source,
        set_aside.entity,
        set_aside.id,
        set_aside.field,
        set_aside.value,
        set_aside.reason
    from {{ ref('int__set_aside_values') }} as set_aside
)

select * from final order by source, entity, id, field

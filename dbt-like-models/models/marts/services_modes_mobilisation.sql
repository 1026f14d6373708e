-- One row per (service, mode de mobilisation): services.modes_mobilisation as
-- a table, to filter or count services by how they can be requested.
with

final as (
    select
        services.id::text as service_id,
        item.value::text as mode_mobilisation
    from {{ ref('services') }} as services
    cross join lateral unnest(services.modes_mobilisation) as item (value)
)

select * from final
order by final.service_id, final.mode_mobilisation

-- One row per (service, public): services.publics as a table, to filter or
-- count services by public without unnesting arrays.
with

final as (
    select
        services.id::text as service_id,
        item.value::text as public
    from {{ ref('services') }} as services
    cross join lateral unnest(services.publics) as item (value)
)

select * from final
order by final.service_id, final.public

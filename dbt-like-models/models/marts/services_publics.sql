-- One row per (service, public): services.publics as a table, to filter or
-- count services by public without unnesting arrays.
with

services as (
    select * from {{ ref('services') }}
),

final as (
    select
        services.id::text as service_id,
        item.value::text as public
    from services
    cross join lateral unnest(services.publics) as item (value)
)

select * from final
order by final.service_id, final.public

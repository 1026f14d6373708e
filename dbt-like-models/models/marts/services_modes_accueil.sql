-- One row per (service, mode d'accueil): services.modes_accueil as a table,
-- to filter or count services by how they receive people.
with

final as (
    select
        services.id::text as service_id,
        item.value::text as mode_accueil
    from {{ ref('services') }} as services
    cross join lateral unnest(services.modes_accueil) as item (value)
)

select * from final
order by final.service_id, final.mode_accueil

-- One row per (service, zone): services.zone_eligibilite as a table, with the
-- kind of zone read from the code's shape, to find the services open to the
-- people of a commune, an EPCI, a département or the whole country.
with

final as (
    select
        services.id::text as service_id,
        item.value::text as zone_eligibilite,
        -- the v1 item shapes: france or 99xxx (country), 9 digits (EPCI
        -- SIREN), 5 chars (commune), 2-3 chars (département)
        case
            when item.value = 'france' or item.value ~ '^99[0-5]\d{2}$' then 'pays'
            when item.value ~ '^\d{9}$' then 'epci'
            when item.value ~ '^\w{5}$' then 'commune'
            when item.value ~ '^\w{2,3}$' then 'departement'
        end::text as type_zone
    from {{ ref('services') }} as services
    cross join lateral unnest(services.zone_eligibilite) as item (value)
)

select * from final
order by final.service_id, final.zone_eligibilite

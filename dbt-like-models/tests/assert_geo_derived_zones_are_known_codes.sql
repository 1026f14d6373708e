-- A zone_eligibilite derived from the geocoded address holds only codes of
-- the kind its type asks for and that the referential knows: a current
-- commune, an EPCI, a département, or 'france'. Failing rows: the service,
-- its type and the unknown item.
with

services as (
    select * from {{ ref('int__services_v1') }}
),

unioned as (
    select * from {{ ref('int__services_unioned') }}
),

communes as (
    select * from {{ ref('communes') }}
),

epci as (
    select * from {{ ref('epci') }}
),

departements as (
    select * from {{ ref('departements') }}
),

items as (
    select
        services.id as id,
        unioned._zone_eligibilite_type as zone_type,
        item.value as value
    from services as services
    inner join unioned as unioned
        on unioned.id = services.id
    cross join lateral unnest(services.zone_eligibilite) as item (value)
    where services._is_zone_eligibilite_derived
)

select *
from items
where not case items.zone_type
    when 'pays' then items.value = 'france'
    when 'commune' then exists (
        select 1 from communes where communes.code_insee = items.value and communes.type = 'COM'
    )
    when 'epci' then exists (select 1 from epci where epci.code_epci = items.value)
    when 'departement' then exists (select 1 from departements where departements.code = items.value)
    when 'region' then exists (select 1 from departements where departements.code = items.value)
    else false
end

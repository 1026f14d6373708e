-- Every structure and service has exactly one row in int__addresses_enriched:
-- the final layer joins it, and a missing or doubled row would lose or
-- duplicate a record. Failing rows: the record and its number of rows.
with

structures as (
    select * from {{ ref('int__structures_unioned') }}
),

services as (
    select * from {{ ref('int__services_unioned') }}
),

addresses as (
    select * from {{ ref('int__addresses_enriched') }}
),

records as (
    select 'structure' as entity, structures.source as source, structures.id as id
    from structures as structures
    union all
    select 'service', services.source, services.id
    from services as services
),

counted as (
    select
        records.entity as entity,
        records.source as source,
        records.id as id,
        count(addresses.id) as enriched_rows
    from records as records
    left join addresses as addresses
        on addresses.entity = records.entity
        and addresses.source = records.source
        and addresses.id = records.id
    group by records.entity, records.source, records.id
)

select *
from counted
where counted.enriched_rows <> 1

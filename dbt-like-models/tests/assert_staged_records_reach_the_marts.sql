-- Every staged record that no documented rule removes must reach the marts:
-- a loss here would be a join or a filter dropping data silently. The
-- documented removals are DORA services of absent structures (the staging
-- models already apply the other ones: duplicates, excluded mediation sources).
-- Failing rows are the lost records.
with

dora_structures as (
    select * from {{ ref('stg_dora__structures') }}
),

dora_services as (
    select * from {{ ref('stg_dora__services') }}
),

emplois_structures as (
    select * from {{ ref('stg_emplois_de_linclusion__structures') }}
),

mediation_numerique_places as (
    select * from {{ ref('stg_mediation_numerique__structures') }}
),

structures as (
    select * from {{ ref('structures') }}
),

services as (
    select * from {{ ref('services') }}
),

expected as (
    select
        'structure' as entity,
        'dora--' || dora_structures.id as id
    from dora_structures as dora_structures
    union all
    select
        'service' as entity,
        'dora--' || dora_services.id as id
    from dora_services as dora_services
    where exists (
        select 1
        from dora_structures as dora_structures
        where dora_structures.id = dora_services.structure_id
    )
    union all
    select
        'structure' as entity,
        'emplois-de-linclusion--' || emplois_structures.id as id
    from emplois_structures as emplois_structures
    union all
    select
        'structure' as entity,
        'mediation-numerique--' || places.id as id
    from mediation_numerique_places as places
    union all
    select
        'service' as entity,
        'mediation-numerique--' || places.id as id
    from mediation_numerique_places as places
),

final as (
    select
        expected.entity as entity,
        expected.id as id
    from expected as expected
    where (
        expected.entity = 'structure'
        and not exists (select 1 from structures as structures where structures.id = expected.id)
    )
    or (
        expected.entity = 'service'
        and not exists (select 1 from services as services where services.id = expected.id)
    )
)

select * from final

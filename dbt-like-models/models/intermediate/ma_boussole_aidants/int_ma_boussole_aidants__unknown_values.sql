-- Ma Boussole Aidants raw values that no mapping seed knows (same columns as
-- int__unknown_values): solution codes, situations, structure types and
-- action radiuses absent from their seeds. An unknown solution still gives a
-- service (without name or thematiques), an unknown radius a nationwide zone.
with

structures as (
    select * from {{ ref('stg_ma_boussole_aidants__structures') }}
),

structure_solutions as (
    select * from {{ ref('stg_ma_boussole_aidants__structures__services') }}
),

observed as (
    select
        'idSousthematiqueSolutions' as field,
        structure_solutions.code as raw_value,
        structure_solutions.structure_id as record_key
    from structure_solutions as structure_solutions
    union all
    select
        'idSituation' as field,
        situation.code as raw_value,
        structures.id as record_key
    from structures as structures
    cross join lateral unnest(structures.situations) as situation (code)
    union all
    select
        'idTypeStructure' as field,
        structures.id_type_structure as raw_value,
        structures.id as record_key
    from structures as structures
    where structures.id_type_structure is not null
    union all
    select
        'nomRayonAction' as field,
        structures.rayon_action as raw_value,
        structures.id as record_key
    from structures as structures
    where structures.rayon_action is not null
),

known as (
    select 'idSousthematiqueSolutions' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__solutions') }} as known
    union all
    select 'idSituation' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__situations') }} as known
    union all
    select 'idTypeStructure' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__types_structure') }} as known
    union all
    select 'nomRayonAction' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__rayons_action') }} as known
),

final as (
    select
        'ma-boussole-aidants' as source,
        observed.field as field,
        observed.raw_value as raw_value,
        count(distinct observed.record_key) as rows
    from observed as observed
    where not exists (
        select 1
        from known as known
        where known.field = observed.field
            and known.raw_value = observed.raw_value
    )
    group by observed.field, observed.raw_value
)

select * from final

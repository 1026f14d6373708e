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
        'solution_code' as field,
        structure_solutions.solution_code as raw_value,
        structure_solutions.structure_id as record_key
    from structure_solutions as structure_solutions
    union all
    select
        'situations' as field,
        situation.code as raw_value,
        structures.id as record_key
    from structures as structures
    cross join lateral unnest(structures.situations) as situation (code)
    union all
    select
        'id_type_structure' as field,
        structures.id_type_structure as raw_value,
        structures.id as record_key
    from structures as structures
    where structures.id_type_structure is not null
    union all
    select
        'rayon_action' as field,
        structures.rayon_action as raw_value,
        structures.id as record_key
    from structures as structures
    where structures.rayon_action is not null
),

known as (
    select 'solution_code' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__solutions') }} as known
    union all
    select 'situations' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__situations') }} as known
    union all
    select 'id_type_structure' as field, known.raw as raw_value
    from {{ ref('map_ma_boussole_aidants__types_structure') }} as known
    union all
    select 'rayon_action' as field, known.raw as raw_value
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

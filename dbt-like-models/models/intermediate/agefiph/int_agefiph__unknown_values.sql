-- AGEFIPH raw values found in the current data that no mapping seed knows;
-- same columns as int__unknown_values, to be appended to it. The values are
-- Drupal taxonomy UUIDs; a UUID listed in a seed with an empty v1 cell is
-- known and deliberately maps to nothing.
with

solutions as (
    select * from {{ ref('stg_agefiph__services') }}
),

-- every (field, value, solution) that the mapping reads
observed as (
    select
        'field_thematique' as field,
        thematique.id as raw_value,
        solutions.id as record_key
    from solutions as solutions
    cross join lateral unnest(solutions.thematique_ids) as thematique (id)
    union all
    select
        'field_profil_associe' as field,
        solutions.profil_associe_id as raw_value,
        solutions.id as record_key
    from solutions as solutions
    where solutions.profil_associe_id is not null
    union all
    select
        'field_type_de_solution' as field,
        solutions.type_de_solution_id as raw_value,
        solutions.id as record_key
    from solutions as solutions
    where solutions.type_de_solution_id is not null
),

known as (
    select 'field_thematique' as field, known.raw as raw_value
    from {{ ref('map_agefiph__thematiques') }} as known
    union all
    select 'field_profil_associe' as field, known.raw as raw_value
    from {{ ref('map_agefiph__profils') }} as known
    union all
    select 'field_type_de_solution' as field, known.raw as raw_value
    from {{ ref('map_agefiph__types_de_solution') }} as known
),

final as (
    select
        'agefiph' as source,
        observed.field as field,
        observed.raw_value as raw_value,
        count(distinct observed.record_key) as rows
    from observed as observed
    left join known as known
        on known.field = observed.field
        and known.raw_value = observed.raw_value
    where known.raw_value is null
    group by observed.field, observed.raw_value
)

select * from final

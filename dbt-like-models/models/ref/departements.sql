-- The 101 départements (seed ref_departements), with their région.
with

departements as (
    select * from {{ ref('ref_departements') }}
),

final as (
    select
        departements.code,
        departements.nom,
        departements.code_region
    from departements
)

select * from final
order by final.code

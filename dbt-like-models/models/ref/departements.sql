-- The 101 départements (seed ref_departements), with their région.
with

departements as (
    select * from {{ ref('ref_departements') }}
),

final as (
    select
        departements.code as code,
        departements.nom as nom,
        departements.code_region as code_region
    from departements as departements
)

select * from final
order by final.code

-- The 101 départements (seed ref_departements), with their région.
with

final as (
    select
        departements.code,
        departements.nom,
        departements.code_region
    from {{ ref('ref_departements') }} as departements
)

select * from final
order by final.code

-- The 18 régions (seed ref_regions) with their départements: v1 has no
-- région codes in zone_eligibilite, so a région is listed as its départements.
with

region_departements as (
    select
        departements.code_region,
        array_agg(departements.code order by departements.code collate "C") as departements
    from {{ ref('departements') }} as departements
    group by departements.code_region
),

final as (
    select
        regions.code,
        regions.nom,
        region_departements.departements
    from {{ ref('ref_regions') }} as regions
    left join region_departements
        on region_departements.code_region = regions.code
)

select * from final
order by final.code

-- One row per (structure, réseau porteur): structures.reseaux_porteurs as a
-- table, to filter or count structures by network.
with

final as (
    select
        structures.id::text as structure_id,
        item.value::text as reseau_porteur
    from {{ ref('structures') }} as structures
    cross join lateral unnest(structures.reseaux_porteurs) as item (value)
)

select * from final
order by final.structure_id, final.reseau_porteur

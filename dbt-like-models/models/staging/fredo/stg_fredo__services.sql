-- Fredo services: one row per distinct (lower-cased) item of a structure's
-- `services` array. The v1 service id is built from the structure id and
-- the item, so an item listed twice in one structure is one service (the
-- first occurrence is kept; upstream does not guard against the repeat).
with

items as (
    select
        {{ source_header('structures') }},
        structures.id as structure_id,
        item.value,
        item.position::integer as position,
        row_number() over (
            partition by structures.run_id, structures.record_number, item.value
            order by item.position
        ) as copy_number
    from {{ ref('stg_fredo__structures') }} as structures
    cross join lateral unnest(structures.services) with ordinality as item (value, position)
)

select
    {{ source_header('items') }},
    items.structure_id,
    items.position,
    items.value
from items
where items.copy_number = 1

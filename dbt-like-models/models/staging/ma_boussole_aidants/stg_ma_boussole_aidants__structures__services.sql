-- The solutions a Ma Boussole Aidants structure offers, one row per
-- (structure, solution code). The API lists a code once per reception mode
-- (isDistanciel true / false), sometimes twice with the same mode: the copies
-- are grouped and their modes collected without duplicates (§4).
with

raw_structures as (
    select
        raw_records.record_number,
        raw_records.data
    from {{ source('ma-boussole-aidants', 'structures') }} as raw_records
),

items as (
    select
        structures.id as structure_id,
        structures.record_number,
        item.position,
        -- a JSON integer (1) or a numeric string ("1", "1.0") is the same code
        coalesce(
            case
                when code.number = trunc(code.number) then trunc(code.number)::bigint::text
            end,
            {{ text('idSousthematiqueSolutions', 'item.value') }}
        ) as solution_code,
        case
            when jsonb_typeof(item.value -> 'isDistanciel') = 'boolean'
                then (item.value -> 'isDistanciel')::boolean
            when lower(btrim(item.value ->> 'isDistanciel')) in ('true', 'false')
                then lower(btrim(item.value ->> 'isDistanciel'))::boolean
        end as is_distanciel
    from {{ ref('stg_ma_boussole_aidants__structures') }} as structures
    -- only the copy that staging kept is read
    inner join raw_structures
        on raw_structures.record_number = structures.record_number
    cross join lateral jsonb_array_elements(
        case jsonb_typeof(raw_structures.data -> 'services')
            when 'array' then raw_structures.data -> 'services'
        end
    ) with ordinality as item (value, position)
    cross join lateral (
        select
            jsonb_path_query_first(item.value, '$.idSousthematiqueSolutions.double()', '{}', true)::numeric as number
    ) as code
)

select
    items.structure_id,
    items.solution_code,
    min(items.record_number) as record_number,
    min(items.position) as position,
    -- both copies of a mode collapse to one; sorted in the v1 mapping
    array_agg(
        distinct case when items.is_distanciel then 'a-distance' else 'en-presentiel' end
    ) filter (where items.is_distanciel is not null) as modes_accueil
from items
where items.solution_code is not null
group by items.structure_id, items.solution_code

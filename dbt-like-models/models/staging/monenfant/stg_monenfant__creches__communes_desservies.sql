-- The communes a crèche serves (serviceCommun.communesDesservies), one row per
-- item of the copy of the crèche that stg_monenfant__creches keeps. The site
-- swaps the two fields (the postal code comes in `commune`, the name in
-- `codePostal`), but not always: as upstream, both are read together and the
-- five-digit code and the name are taken from wherever they are.
with

raw_creches as (
    select
        raw_records.record_number,
        raw_records.data
    from {{ source('monenfant', 'creches') }} as raw_records
),

items as (
    select
        creches.id as creche_id,
        item.position,
        {{ text('commune', 'item.value') }} as commune_field,
        {{ text('codePostal', 'item.value') }} as code_postal_field
    from {{ ref('stg_monenfant__creches') }} as creches
    inner join raw_creches
        on raw_creches.record_number = creches.record_number
    cross join lateral jsonb_array_elements(
        case jsonb_typeof(raw_creches.data -> 'serviceCommun' -> 'communesDesservies')
            when 'array' then raw_creches.data -> 'serviceCommun' -> 'communesDesservies'
        end
    ) with ordinality as item (value, position)
    where jsonb_typeof(item.value) = 'object'
)

select
    items.creche_id,
    items.position,
    substring(both_fields.value from '\d{5}') as code_postal,
    nullif(btrim(regexp_replace(both_fields.value, '\d', '', 'g'), E' \t\r\n'), '') as commune,
    -- kept to measure how often the site swaps them
    items.commune_field ~ '^\d{5}$' as is_swapped
from items
cross join lateral (
    select concat_ws(' ', items.commune_field, items.code_postal_field) as value
) as both_fields
where both_fields.value <> ''

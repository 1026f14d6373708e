-- Phones of the kept Soliguide places: one row per item of `entity.phones`
-- that has a number. v1 holds one phone; int_soliguide__structures_v1 and
-- int_soliguide__services_v1 choose it (sources/soliguide.md §5).
with

raw_lieux as (
    select {{ source_header() }}, data
    from {{ source('soliguide', 'lieux') }}
),

kept_lieux as (
    select
        {{ source_header('raw_lieux') }},
        raw_lieux.data,
        lieux.lieu_id
    from raw_lieux
    inner join {{ ref('stg_soliguide__lieux') }} as lieux
        on lieux.run_id = raw_lieux.run_id
        and lieux.record_number = raw_lieux.record_number
)

select
    {{ source_header('kept_lieux') }},
    kept_lieux.lieu_id,
    phone.position::integer as position,
    {{ text('label', 'phone.value') }} as label,
    btrim(phone.value ->> 'phoneNumber', E' \t\r\n') as phone_number
from kept_lieux
cross join lateral jsonb_array_elements(
    case
        when jsonb_typeof(kept_lieux.data #> '{entity,phones}') = 'array'
            then kept_lieux.data #> '{entity,phones}'
        else '[]'::jsonb
    end
) with ordinality as phone (value, position)
where jsonb_typeof(phone.value) = 'object'
    and btrim(phone.value ->> 'phoneNumber', E' \t\r\n') <> ''

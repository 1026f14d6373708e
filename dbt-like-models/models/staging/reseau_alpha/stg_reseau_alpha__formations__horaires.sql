-- The weekly slots of each current formation (joursHorairesDetails): one row
-- per slot, the day as written and the times as HH:MM (the date part of the
-- producer's "1970-01-01 09:30" is a dummy).
with

raw_structures as (
    select {{ source_header() }}, data
    from {{ source('reseau-alpha', 'structures') }}
),

raw_formations as (
    select
        formations.id as formation_id,
        formation.value as data
    from {{ ref('stg_reseau_alpha__formations') }} as formations
    inner join raw_structures
        on raw_structures.run_id = formations.run_id
        and raw_structures.record_number = formations.record_number
    cross join lateral jsonb_path_query(raw_structures.data, 'lax $.formations[*]')
        with ordinality as formation (value, position)
    where formation.position = formations.position
),

slots as (
    select
        raw_formations.formation_id,
        slot.position::integer as position,
        lower({{ text('jour', 'slot.value') }}) as jour,
        regexp_match(slot.value ->> 'dateDebut', '(\d{1,2}):(\d{2})') as debut,
        regexp_match(slot.value ->> 'dateFin', '(\d{1,2}):(\d{2})') as fin
    from raw_formations
    cross join lateral jsonb_path_query(raw_formations.data, 'lax $.joursHorairesDetails[*]')
        with ordinality as slot (value, position)
    where jsonb_typeof(slot.value) = 'object'
)

select
    slots.formation_id,
    slots.position,
    slots.jour,
    -- an hour outside 0-24 or minutes outside 0-59 is not a time
    case
        when slots.debut[1]::integer <= 24 and slots.debut[2]::integer <= 59
            then lpad(slots.debut[1], 2, '0') || ':' || slots.debut[2]
    end as heure_debut,
    case
        when slots.fin[1]::integer <= 24 and slots.fin[2]::integer <= 59
            then lpad(slots.fin[1], 2, '0') || ':' || slots.fin[2]
    end as heure_fin
from slots

-- Digital mediators (médiateurs numériques) working at the kept places of the
-- Cartographie nationale: one row per element of a place's `mediateurs` array.
-- The first one becomes the contact of the place's v1 service.
with

raw_places as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('mediation-numerique', 'structures') }} as raw_records
),

-- only places kept by the structures staging (same exclusion rule there)
kept_places as (
    select
        raw_places.run_id as run_id,
        raw_places.record_number as record_number,
        raw_places.data as data,
        places.id as place_id
    from raw_places as raw_places
    inner join {{ ref('stg_mediation_numerique__structures') }} as places
        on places.run_id = raw_places.run_id
        and places.record_number = raw_places.record_number
),

mediateurs as (
    select
        kept_places.run_id as run_id,
        kept_places.record_number as record_number,
        kept_places.place_id as place_id,
        mediateur.position::integer as position,
        mediateur.value as data
    from kept_places as kept_places
    cross join lateral jsonb_array_elements(
        case
            when jsonb_typeof(kept_places.data -> 'mediateurs') = 'array'
                then kept_places.data -> 'mediateurs'
            else '[]'::jsonb
        end
    ) with ordinality as mediateur (value, position)
    where jsonb_typeof(mediateur.value) = 'object'
),

final as (
    select
        mediateurs.run_id as run_id,
        mediateurs.record_number as record_number,
        mediateurs.place_id as place_id,
        mediateurs.position as position,
        nullif(btrim(mediateurs.data ->> 'prenom', E' \t\r\n'), '') as prenom,
        nullif(btrim(mediateurs.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(mediateurs.data ->> 'email', E' \t\r\n'), '') as email,
        nullif(btrim(mediateurs.data ->> 'telephone', E' \t\r\n'), '') as telephone
    from mediateurs as mediateurs
)

select * from final

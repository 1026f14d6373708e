-- Digital mediators (médiateurs numériques) working at the kept places of the
-- Cartographie nationale: one row per element of a place's `mediateurs` array.
-- The first one becomes the contact of the place's v1 service.
with

raw_places as (
    select {{ source_header() }}, data
    from {{ source('mediation-numerique', 'structures') }}
),

-- only places kept by the structures staging (same exclusion rule there)
kept_places as (
    select
        {{ source_header('raw_places') }},
        raw_places.data,
        places.id as place_id
    from raw_places
    inner join {{ ref('stg_mediation_numerique__structures') }} as places
        on places.run_id = raw_places.run_id
        and places.record_number = raw_places.record_number
),

mediateurs as (
    select
        {{ source_header('kept_places') }},
        kept_places.place_id,
        mediateur.position::integer as position,
        mediateur.value as data
    from kept_places
    cross join lateral jsonb_array_elements(
        case
            when jsonb_typeof(kept_places.data -> 'mediateurs') = 'array'
                then kept_places.data -> 'mediateurs'
            else '[]'::jsonb
        end
    ) with ordinality as mediateur (value, position)
    where jsonb_typeof(mediateur.value) = 'object'
)

select
    {{ source_header('mediateurs') }},
    mediateurs.place_id,
    mediateurs.position,
    {{ text('prenom', 'mediateurs.data') }} as prenom,
    {{ text('nom', 'mediateurs.data') }} as nom,
    {{ text('email', 'mediateurs.data') }} as email,
    {{ text('telephone', 'mediateurs.data') }} as telephone
from mediateurs

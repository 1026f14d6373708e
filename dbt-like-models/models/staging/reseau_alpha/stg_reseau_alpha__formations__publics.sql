-- The specific publics of each current formation: one row per object that has
-- a `publicSpecifique`, at any depth of `publicsSpecifiques` (the producer
-- mixes objects and arrays of objects in that list).
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

publics as (
    select
        raw_formations.formation_id,
        public.position::integer as position,
        public.value as data
    from raw_formations
    -- strict mode: lax mode would visit nested arrays twice with .**; silent:
    -- a formation without the key gives no row instead of an error
    cross join lateral jsonb_path_query(
        raw_formations.data,
        'strict $.publicsSpecifiques.** ? (@.type() == "object" && exists(@.publicSpecifique))',
        '{}',
        true
    ) with ordinality as public (value, position)
)

select
    publics.formation_id,
    publics.position,
    {{ text('publicSpecifique', 'publics.data') }} as public_specifique,
    {{ text('publicSpecifiqueDescription', 'publics.data') }} as description,
    -- the producer writes "Exclusif" as well as "exclusif"
    lower({{ text('publicSpecifiquePrioritaire', 'publics.data') }}) as priorite
from publics
where {{ text('publicSpecifique', 'publics.data') }} is not null

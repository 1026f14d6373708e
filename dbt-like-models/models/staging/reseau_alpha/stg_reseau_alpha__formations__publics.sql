-- The specific publics of each current formation: one row per object that has
-- a `publicSpecifique`, at any depth of `publicsSpecifiques` (the producer
-- mixes objects and arrays of objects in that list).
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('reseau-alpha', 'structures') }} as raw_records
),

formations as (
    select * from {{ ref('stg_reseau_alpha__formations') }}
),

raw_formations as (
    select
        formations.id as formation_id,
        formation.value as data
    from formations as formations
    inner join raw_structures as raw_structures
        on raw_structures.run_id = formations.run_id
        and raw_structures.record_number = formations.record_number
    cross join lateral jsonb_path_query(raw_structures.data, 'lax $.formations[*]')
        with ordinality as formation (value, position)
    where formation.position = formations.position
),

publics as (
    select
        raw_formations.formation_id as formation_id,
        public.position::integer as position,
        public.value as data
    from raw_formations as raw_formations
    -- strict mode: lax mode would visit nested arrays twice with .**; silent:
    -- a formation without the key gives no row instead of an error
    cross join lateral jsonb_path_query(
        raw_formations.data,
        'strict $.publicsSpecifiques.** ? (@.type() == "object" && exists(@.publicSpecifique))',
        '{}',
        true
    ) with ordinality as public (value, position)
),

final as (
    select
        publics.formation_id as formation_id,
        publics.position as position,
        nullif(btrim(publics.data ->> 'publicSpecifique', E' \t\r\n'), '') as public_specifique,
        nullif(btrim(publics.data ->> 'publicSpecifiqueDescription', E' \t\r\n'), '') as description,
        -- the producer writes "Exclusif" as well as "exclusif"
        lower(nullif(btrim(publics.data ->> 'publicSpecifiquePrioritaire', E' \t\r\n'), '')) as priorite
    from publics as publics
    where nullif(btrim(publics.data ->> 'publicSpecifique', E' \t\r\n'), '') is not null
)

select * from final

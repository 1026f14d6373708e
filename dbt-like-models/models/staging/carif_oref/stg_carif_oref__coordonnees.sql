-- Every LHEO `coordonnees` block of the kept formations, one row each, so that
-- contacts and places are read once: the formation's contacts
-- (contact-formation), each action's training places (lieu-de-formation) and
-- each training organisation's contacts (contact-formateur). Keys point back
-- to the formation record, the action and the organisation by position.
with

raw_formations as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('carif-oref', 'formations') }} as raw_records
),

formations as (
    select * from {{ ref('stg_carif_oref__formations') }}
),

kept_formations as (
    select
        raw_formations.run_id as run_id,
        raw_formations.record_number as record_number,
        formations.numero as numero_formation,
        raw_formations.data as data
    from raw_formations as raw_formations
    inner join formations as formations
        on formations.run_id = raw_formations.run_id
        and formations.record_number = raw_formations.record_number
),

actions as (
    select
        kept_formations.run_id as run_id,
        kept_formations.record_number as record_number,
        kept_formations.numero_formation as numero_formation,
        action.position::integer as action_position,
        nullif(btrim(action.value ->> '@numero', E' \t\r\n'), '') as action_numero,
        action.value as data
    from kept_formations as kept_formations
    cross join lateral jsonb_path_query(kept_formations.data, 'lax $.action[*]')
        with ordinality as action (value, position)
),

blocks as (
    select
        kept_formations.run_id as run_id,
        kept_formations.record_number as record_number,
        kept_formations.numero_formation as numero_formation,
        'contact-formation' as kind,
        null::integer as action_position,
        null::text as action_numero,
        null::integer as organisme_position,
        null::text as organisme_numero,
        contact.position::integer as block_position,
        nullif(btrim(contact.value ->> 'type-contact', E' \t\r\n'), '') as type_contact,
        null::boolean as is_principal,
        contact.value -> 'coordonnees' as coordonnees
    from kept_formations as kept_formations
    cross join lateral jsonb_path_query(kept_formations.data, 'lax $."contact-formation"[*]')
        with ordinality as contact (value, position)
    union all
    select
        actions.run_id as run_id,
        actions.record_number as record_number,
        actions.numero_formation as numero_formation,
        'lieu-de-formation' as kind,
        actions.action_position as action_position,
        actions.action_numero as action_numero,
        null::integer as organisme_position,
        null::text as organisme_numero,
        lieu.position::integer as block_position,
        null::text as type_contact,
        coalesce(btrim(lieu.value ->> '@tag') = 'principal', false) as is_principal,
        lieu.value -> 'coordonnees' as coordonnees
    from actions as actions
    cross join lateral jsonb_path_query(actions.data, 'lax $."lieu-de-formation"[*]')
        with ordinality as lieu (value, position)
    union all
    select
        actions.run_id as run_id,
        actions.record_number as record_number,
        actions.numero_formation as numero_formation,
        'contact-formateur' as kind,
        actions.action_position as action_position,
        actions.action_numero as action_numero,
        organisme.position::integer as organisme_position,
        nullif(btrim(organisme.value ->> '@numero', E' \t\r\n'), '') as organisme_numero,
        contact.position::integer as block_position,
        nullif(btrim(contact.value ->> 'type-contact', E' \t\r\n'), '') as type_contact,
        null::boolean as is_principal,
        contact.value -> 'coordonnees' as coordonnees
    from actions as actions
    cross join lateral jsonb_path_query(actions.data, 'lax $."organisme-formateur"[*]')
        with ordinality as organisme (value, position)
    cross join lateral jsonb_path_query(organisme.value, 'lax $."contact-formateur"[*]')
        with ordinality as contact (value, position)
),

-- the first non-empty text of a repeatable element
typed as (
    select
        blocks.run_id as run_id,
        blocks.record_number as record_number,
        blocks.numero_formation as numero_formation,
        blocks.kind as kind,
        blocks.action_position as action_position,
        blocks.action_numero as action_numero,
        blocks.organisme_position as organisme_position,
        blocks.organisme_numero as organisme_numero,
        blocks.block_position as block_position,
        blocks.type_contact as type_contact,
        blocks.is_principal as is_principal,
        (
            select number.value
            from jsonb_path_query(blocks.coordonnees, 'lax $.telfixe.numtel[*]') with ordinality as item (value, position)
            cross join lateral (select nullif(btrim(item.value #>> '{}', E' \t\r\n'), '') as value) as number
            where number.value is not null
            order by item.position
            limit 1
        ) as telfixe,
        (
            select number.value
            from jsonb_path_query(blocks.coordonnees, 'lax $.portable.numtel[*]') with ordinality as item (value, position)
            cross join lateral (select nullif(btrim(item.value #>> '{}', E' \t\r\n'), '') as value) as number
            where number.value is not null
            order by item.position
            limit 1
        ) as portable,
        nullif(btrim(blocks.coordonnees ->> 'courriel', E' \t\r\n'), '') as courriel,
        (
            select url.value
            from jsonb_path_query(blocks.coordonnees, 'lax $.web.urlweb[*]') with ordinality as item (value, position)
            cross join lateral (select nullif(btrim(item.value #>> '{}', E' \t\r\n'), '') as value) as url
            where url.value is not null
            order by item.position
            limit 1
        ) as web,
        -- the street lines (1 to 4) make one line
        (
            select string_agg(line.value, ', ' order by item.position)
            from jsonb_path_query(blocks.coordonnees, 'lax $.adresse.ligne[*]') with ordinality as item (value, position)
            cross join lateral (select nullif(btrim(item.value #>> '{}', E' \t\r\n'), '') as value) as line
            where line.value is not null
        ) as adresse,
        nullif(btrim(blocks.coordonnees #>> '{adresse,codepostal}', E' \t\r\n'), '') as code_postal,
        nullif(btrim(blocks.coordonnees #>> '{adresse,ville}', E' \t\r\n'), '') as ville,
        nullif(btrim(blocks.coordonnees #>> '{adresse,code-INSEE-commune}', E' \t\r\n'), '') as code_insee_raw,
        jsonb_path_query_first(
            blocks.coordonnees, 'lax $.adresse.geolocalisation.latitude.double()', '{}', true
        )::double precision as latitude,
        jsonb_path_query_first(
            blocks.coordonnees, 'lax $.adresse.geolocalisation.longitude.double()', '{}', true
        )::double precision as longitude
    from blocks as blocks
),

final as (
    select
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.numero_formation as numero_formation,
        typed.kind as kind,
        typed.action_position as action_position,
        typed.action_numero as action_numero,
        typed.organisme_position as organisme_position,
        typed.organisme_numero as organisme_numero,
        typed.block_position as block_position,
        typed.type_contact as type_contact,
        typed.is_principal as is_principal,
        typed.telfixe as telfixe,
        typed.portable as portable,
        typed.courriel as courriel,
        typed.web as web,
        typed.adresse as adresse,
        typed.code_postal as code_postal,
        typed.ville as ville,
        typed.code_insee_raw as code_insee_raw,
        -- a municipal arrondissement is not a commune: Paris, Lyon and
        -- Marseille arrondissements fold into their commune's code
        case
            when typed.code_insee_raw ~ '^751(0[1-9]|1[0-9]|20)$' then '75056'
            when typed.code_insee_raw ~ '^6938[1-9]$' then '69123'
            when typed.code_insee_raw ~ '^132(0[1-9]|1[0-6])$' then '13055'
            else typed.code_insee_raw
        end as code_insee,
        typed.latitude as latitude,
        typed.longitude as longitude
    from typed as typed
)

select * from final

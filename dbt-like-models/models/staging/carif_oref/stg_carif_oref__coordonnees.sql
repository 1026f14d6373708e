-- Every LHEO `coordonnees` block of the kept formations, one row each, so that
-- contacts and places are read once: the formation's contacts
-- (contact-formation), each action's training places (lieu-de-formation) and
-- each training organisation's contacts (contact-formateur). Keys point back
-- to the formation record, the action and the organisation by position.
with

raw_formations as (
    select {{ source_header() }}, data
    from {{ source('carif-oref', 'formations') }}
),

kept_formations as (
    select
        {{ source_header('raw_formations') }},
        formations.numero as numero_formation,
        raw_formations.data
    from raw_formations
    inner join {{ ref('stg_carif_oref__formations') }} as formations
        on formations.run_id = raw_formations.run_id
        and formations.record_number = raw_formations.record_number
),

actions as (
    select
        {{ source_header('kept_formations') }},
        kept_formations.numero_formation,
        action.position::integer as action_position,
        {{ text('@numero', 'action.value') }} as action_numero,
        action.value as data
    from kept_formations
    cross join lateral jsonb_path_query(kept_formations.data, 'lax $.action[*]')
        with ordinality as action (value, position)
),

blocks as (
    select
        {{ source_header('kept_formations') }},
        kept_formations.numero_formation,
        'contact-formation' as kind,
        null::integer as action_position,
        null::text as action_numero,
        null::integer as organisme_position,
        null::text as organisme_numero,
        contact.position::integer as block_position,
        {{ text('type-contact', 'contact.value') }} as type_contact,
        null::boolean as is_principal,
        contact.value -> 'coordonnees' as coordonnees
    from kept_formations
    cross join lateral jsonb_path_query(kept_formations.data, 'lax $."contact-formation"[*]')
        with ordinality as contact (value, position)
    union all
    select
        {{ source_header('actions') }},
        actions.numero_formation,
        'lieu-de-formation' as kind,
        actions.action_position,
        actions.action_numero,
        null::integer as organisme_position,
        null::text as organisme_numero,
        lieu.position::integer as block_position,
        null::text as type_contact,
        coalesce(btrim(lieu.value ->> '@tag') = 'principal', false) as is_principal,
        lieu.value -> 'coordonnees' as coordonnees
    from actions
    cross join lateral jsonb_path_query(actions.data, 'lax $."lieu-de-formation"[*]')
        with ordinality as lieu (value, position)
    union all
    select
        {{ source_header('actions') }},
        actions.numero_formation,
        'contact-formateur' as kind,
        actions.action_position,
        actions.action_numero,
        organisme.position::integer as organisme_position,
        {{ text('@numero', 'organisme.value') }} as organisme_numero,
        contact.position::integer as block_position,
        {{ text('type-contact', 'contact.value') }} as type_contact,
        null::boolean as is_principal,
        contact.value -> 'coordonnees' as coordonnees
    from actions
    cross join lateral jsonb_path_query(actions.data, 'lax $."organisme-formateur"[*]')
        with ordinality as organisme (value, position)
    cross join lateral jsonb_path_query(organisme.value, 'lax $."contact-formateur"[*]')
        with ordinality as contact (value, position)
),

-- the first non-empty text of a repeatable element
typed as (
    select
        {{ source_header('blocks') }},
        blocks.numero_formation,
        blocks.kind,
        blocks.action_position,
        blocks.action_numero,
        blocks.organisme_position,
        blocks.organisme_numero,
        blocks.block_position,
        blocks.type_contact,
        blocks.is_principal,
        (
            select number.value
            from jsonb_path_query(blocks.coordonnees, 'lax $.telfixe.numtel[*]') with ordinality as item (value, position)
            cross join lateral (select {{ text('{}', 'item.value') }} as value) as number
            where number.value is not null
            order by item.position
            limit 1
        ) as telfixe,
        (
            select number.value
            from jsonb_path_query(blocks.coordonnees, 'lax $.portable.numtel[*]') with ordinality as item (value, position)
            cross join lateral (select {{ text('{}', 'item.value') }} as value) as number
            where number.value is not null
            order by item.position
            limit 1
        ) as portable,
        {{ text('courriel', 'blocks.coordonnees') }} as courriel,
        (
            select url.value
            from jsonb_path_query(blocks.coordonnees, 'lax $.web.urlweb[*]') with ordinality as item (value, position)
            cross join lateral (select {{ text('{}', 'item.value') }} as value) as url
            where url.value is not null
            order by item.position
            limit 1
        ) as web,
        -- the street lines (1 to 4) make one line
        (
            select string_agg(line.value, ', ' order by item.position)
            from jsonb_path_query(blocks.coordonnees, 'lax $.adresse.ligne[*]') with ordinality as item (value, position)
            cross join lateral (select {{ text('{}', 'item.value') }} as value) as line
            where line.value is not null
        ) as adresse,
        {{ text('{adresse,codepostal}', 'blocks.coordonnees') }} as code_postal,
        {{ text('{adresse,ville}', 'blocks.coordonnees') }} as ville,
        {{ text('{adresse,code-INSEE-commune}', 'blocks.coordonnees') }} as code_insee_raw,
        jsonb_path_query_first(
            blocks.coordonnees, 'lax $.adresse.geolocalisation.latitude.double()', '{}', true
        )::double precision as latitude,
        jsonb_path_query_first(
            blocks.coordonnees, 'lax $.adresse.geolocalisation.longitude.double()', '{}', true
        )::double precision as longitude
    from blocks
)

select
    {{ source_header('typed') }},
    typed.numero_formation,
    typed.kind,
    typed.action_position,
    typed.action_numero,
    typed.organisme_position,
    typed.organisme_numero,
    typed.block_position,
    typed.type_contact,
    typed.is_principal,
    typed.telfixe,
    typed.portable,
    typed.courriel,
    typed.web,
    typed.adresse,
    typed.code_postal,
    typed.ville,
    typed.code_insee_raw,
    -- a municipal arrondissement is not a commune: Paris, Lyon and
    -- Marseille arrondissements fold into their commune's code
    case
        when typed.code_insee_raw ~ '^751(0[1-9]|1[0-9]|20)$' then '75056'
        when typed.code_insee_raw ~ '^6938[1-9]$' then '69123'
        when typed.code_insee_raw ~ '^132(0[1-9]|1[0-6])$' then '13055'
        else typed.code_insee_raw
    end as code_insee,
    typed.latitude,
    typed.longitude
from typed

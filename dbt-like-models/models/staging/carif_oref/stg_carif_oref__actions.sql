-- Carif-Oref training actions (formation/action) of the kept formations, after
-- the within-source rules of sources/carif-oref.md §4: an action needs a
-- training organisation, a target public and a training place (§4.2); one row
-- per action numero (§4.3); "closely related" actions of a formation are
-- collapsed into the most recently updated one (§4.4). One row = one service.
with

raw_formations as (
    select {{ source_header() }}, data
    from {{ source('carif-oref', 'formations') }}
),

raw_actions as (
    select
        {{ source_header('raw_formations') }},
        formations.numero as numero_formation,
        action.position::integer as position,
        action.value as data
    from raw_formations
    inner join {{ ref('stg_carif_oref__formations') }} as formations
        on formations.run_id = raw_formations.run_id
        and formations.record_number = raw_formations.record_number
    cross join lateral jsonb_path_query(raw_formations.data, 'lax $.action[*]')
        with ordinality as action (value, position)
),

typed as (
    select
        {{ source_header('raw_actions') }},
        raw_actions.numero_formation,
        raw_actions.position,
        {{ text('@numero', 'raw_actions.data') }} as numero,
        -- 00000000 means unknown: like any impossible date it becomes NULL
        -- (jsonpath would read year 0000 as 1 BC)
        case
            when btrim(raw_actions.data ->> '@datemaj') ~ '^\d{8}$'
                and left(btrim(raw_actions.data ->> '@datemaj'), 4) <> '0000'
                then {{ parse_date('btrim(raw_actions.data ->> ''@datemaj'')', 'YYYYMMDD') }}
        end as date_maj,
        -- the first training organisation that has a numero (§4.3: the
        -- organisation of the first combination)
        (
            select organisme.position::integer
            from jsonb_path_query(raw_actions.data, 'lax $."organisme-formateur"[*]')
                with ordinality as organisme (value, position)
            where {{ text('@numero', 'organisme.value') }} is not null
            order by organisme.position
            limit 1
        ) as organisme_position,
        (
            select btrim(organisme.value ->> '@numero', E' \t\r\n')
            from jsonb_path_query(raw_actions.data, 'lax $."organisme-formateur"[*]')
                with ordinality as organisme (value, position)
            where {{ text('@numero', 'organisme.value') }} is not null
            order by organisme.position
            limit 1
        ) as numero_organisme_formateur,
        -- every target-public code of the action, in file order, each once
        (
            select array_agg(code.value order by code.first_position)
            from (
                select
                    public_code.value,
                    min(item.position) as first_position
                from jsonb_path_query(raw_actions.data, 'lax $."code-public-vise"[*]')
                    with ordinality as item (value, position)
                cross join lateral (
                    select nullif(
                        btrim(
                            case jsonb_typeof(item.value)
                                when 'object' then item.value ->> '$'
                                else item.value #>> '{}'
                            end,
                            E' \t\r\n'
                        ),
                        ''
                    ) as value
                ) as public_code
                where public_code.value is not null
                group by public_code.value
            ) as code
        ) as codes_public_vise,
        {{ text('info-public-vise', 'raw_actions.data') }} as info_public_vise,
        {{ text('conditions-specifiques', 'raw_actions.data') }} as conditions_specifiques,
        {{ text('modalites-enseignement', 'raw_actions.data') }} as modalites_enseignement,
        {{ text('modalites-recrutement', 'raw_actions.data') }} as modalites_recrutement,
        case btrim(raw_actions.data ->> 'prise-en-charge-frais-possible')
            when '1' then true
            when '0' then false
        end as prise_en_charge_frais_possible,
        -- a decimal comma is allowed ("1250,50"), spaces are thousands separators
        case
            when replace(replace(btrim(raw_actions.data ->> 'prix-total-TTC'), ' ', ''), ',', '.') ~ '^\d+(\.\d+)?$'
                then replace(replace(btrim(raw_actions.data ->> 'prix-total-TTC'), ' ', ''), ',', '.')::numeric
        end as prix_total_ttc,
        nullif(
            btrim(raw_actions.data ->> 'detail-conditions-prise-en-charge', E' \t\r\n'), ''
        ) as detail_conditions_prise_en_charge,
        {{ text('code-perimetre-recrutement', 'raw_actions.data') }} as code_perimetre_recrutement,
        (
            select case
                when replace(btrim(extra.value #>> '{}'), ',', '.') ~ '^\d+(\.\d+)?$'
                    then replace(btrim(extra.value #>> '{}'), ',', '.')::double precision
            end
            from jsonb_path_query(
                raw_actions.data, 'lax $.extras[*] ? (@."@info" == "duree-hebdo").extra[*]'
            ) with ordinality as extra (value, position)
            order by extra.position
            limit 1
        ) as duree_hebdo,
        {{ text('nombre-heures-total', 'raw_actions.data') }} as nombre_heures_total,
        {{ text('duree-indicative', 'raw_actions.data') }} as duree_indicative,
        (
            select url.value
            from jsonb_path_query(raw_actions.data, 'lax $."url-action".urlweb[*]')
                with ordinality as item (value, position)
            cross join lateral (select {{ text('{}', 'item.value') }} as value) as url
            where url.value is not null
            order by item.position
            limit 1
        ) as url_action
    from raw_actions
),

-- the main training place: the one tagged "principal", else the first
main_places as (
    select distinct on (coordonnees.run_id, coordonnees.record_number, coordonnees.action_position)
        {{ source_header('coordonnees') }},
        coordonnees.action_position,
        coordonnees.block_position as lieu_position,
        coordonnees.is_principal,
        coordonnees.ville
    from {{ ref('stg_carif_oref__coordonnees') }} as coordonnees
    where coordonnees.kind = 'lieu-de-formation'
    order by
        {{ source_header('coordonnees') }},
        coordonnees.action_position,
        coordonnees.is_principal desc,
        coordonnees.block_position
),

-- §4.2: an action without organisation, public code or place is not a
-- service anyone can join (the inner join requires a place)
complete as (
    select
        typed.*,
        main_places.lieu_position,
        main_places.is_principal as has_principal_place,
        main_places.ville as lieu_ville
    from typed
    inner join main_places
        on main_places.run_id = typed.run_id
        and main_places.record_number = typed.record_number
        and main_places.action_position = typed.position
    where typed.numero is not null
        and typed.numero_organisme_formateur is not null
        and typed.codes_public_vise is not null
),

-- §4.3: about ten actions share a numero nationally; the one with a
-- principal place wins, then the first in the file
one_per_numero as (
    select distinct on (complete.numero) complete.*
    from complete
    order by complete.numero, complete.has_principal_place desc, complete.record_number, complete.position
),

-- §4.4: actions of one formation that differ only by their sessions, dates
-- or ids are "closely related": the most recently updated one is kept (then
-- the smallest numero). IS NOT DISTINCT FROM semantics: NULLs are equal here.
collapsed as (
    select distinct on (
        one_per_numero.numero_formation,
        one_per_numero.prix_total_ttc,
        one_per_numero.detail_conditions_prise_en_charge,
        one_per_numero.info_public_vise,
        one_per_numero.modalites_recrutement,
        one_per_numero.modalites_enseignement,
        one_per_numero.code_perimetre_recrutement,
        one_per_numero.duree_hebdo,
        one_per_numero.numero_organisme_formateur,
        sorted_codes.codes,
        one_per_numero.lieu_ville
    )
        one_per_numero.*
    from one_per_numero
    cross join lateral (
        select array_agg(code.value order by code.value collate "C") as codes
        from unnest(one_per_numero.codes_public_vise) as code (value)
    ) as sorted_codes
    order by
        one_per_numero.numero_formation,
        one_per_numero.prix_total_ttc,
        one_per_numero.detail_conditions_prise_en_charge,
        one_per_numero.info_public_vise,
        one_per_numero.modalites_recrutement,
        one_per_numero.modalites_enseignement,
        one_per_numero.code_perimetre_recrutement,
        one_per_numero.duree_hebdo,
        one_per_numero.numero_organisme_formateur,
        sorted_codes.codes,
        one_per_numero.lieu_ville,
        one_per_numero.date_maj desc nulls last,
        one_per_numero.numero collate "C"
)

select
    {{ source_header('collapsed') }},
    collapsed.position,
    collapsed.numero,
    collapsed.numero_formation,
    collapsed.date_maj,
    collapsed.organisme_position,
    collapsed.numero_organisme_formateur,
    collapsed.lieu_position,
    collapsed.lieu_ville,
    collapsed.codes_public_vise,
    collapsed.info_public_vise,
    collapsed.conditions_specifiques,
    collapsed.modalites_enseignement,
    collapsed.modalites_recrutement,
    collapsed.prise_en_charge_frais_possible,
    collapsed.prix_total_ttc,
    collapsed.detail_conditions_prise_en_charge,
    collapsed.code_perimetre_recrutement,
    collapsed.duree_hebdo,
    collapsed.nombre_heures_total,
    collapsed.duree_indicative,
    collapsed.url_action
from collapsed

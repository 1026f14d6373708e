-- Carif-Oref training organisations (action/organisme-formateur) named by the
-- actions that pass §4.2 (organisation, public code and place present) in the
-- kept formations: one row per organisation numero, the first occurrence in
-- file order giving its name and SIRET (sources/carif-oref.md §4.5).
with

raw_formations as (
    select {{ source_header() }}, data
    from {{ source('carif-oref', 'formations') }}
),

actions as (
    select
        {{ source_header('raw_formations') }},
        formations.date_maj as formation_date_maj,
        action.position::integer as action_position,
        action.value as data
    from raw_formations
    inner join {{ ref('stg_carif_oref__formations') }} as formations
        on formations.run_id = raw_formations.run_id
        and formations.record_number = raw_formations.record_number
    cross join lateral jsonb_path_query(raw_formations.data, 'lax $.action[*]')
        with ordinality as action (value, position)
    -- the same completeness rule as stg_carif_oref__actions (§4.2)
    where jsonb_path_exists(action.value, 'lax $."lieu-de-formation"[*]')
        and jsonb_path_exists(action.value, 'lax $."code-public-vise"[*]')
),

occurrences as (
    select
        {{ source_header('actions') }},
        actions.action_position,
        {{ text('@numero', 'actions.data') }} as action_numero,
        organisme.position::integer as organisme_position,
        {{ text('@numero', 'organisme.value') }} as numero,
        {{ text('raison-sociale-formateur', 'organisme.value') }} as raison_sociale,
        {{ text('{SIRET-formateur,SIRET}', 'organisme.value') }} as siret,
        -- the action's date, else its formation's (00000000 = unknown)
        coalesce(
            case
                when btrim(actions.data ->> '@datemaj') ~ '^\d{8}$'
                    and left(btrim(actions.data ->> '@datemaj'), 4) <> '0000'
                    then {{ parse_date('btrim(actions.data ->> ''@datemaj'')', 'YYYYMMDD') }}
            end,
            actions.formation_date_maj
        ) as date_maj
    from actions
    cross join lateral jsonb_path_query(actions.data, 'lax $."organisme-formateur"[*]')
        with ordinality as organisme (value, position)
),

first_occurrences as (
    select distinct on (occurrences.numero) occurrences.*
    from occurrences
    where occurrences.numero is not null
        and occurrences.action_numero is not null
    order by
        occurrences.numero,
        occurrences.record_number,
        occurrences.action_position,
        occurrences.organisme_position
),

latest_dates as (
    select
        occurrences.numero,
        max(occurrences.date_maj) as date_maj
    from occurrences
    group by occurrences.numero
)

select
    {{ source_header('first_occurrences') }},
    first_occurrences.action_position,
    first_occurrences.action_numero,
    first_occurrences.organisme_position,
    first_occurrences.numero,
    first_occurrences.raison_sociale,
    first_occurrences.siret,
    latest_dates.date_maj
from first_occurrences
inner join latest_dates
    on latest_dates.numero = first_occurrences.numero

-- monenfant.fr crèches (EAJE), one row per structureId: the search circles of
-- neighbouring communes overlap, so the same crèche comes in several
-- creches/<insee>.json files (§4). Typed and cleaned, HTML texts turned into
-- Markdown (markdown_from_html), the calendar turned into OSM opening_hours.
with

raw_creches as (
    select
        raw_records.run_id,
        raw_records.file_name,
        raw_records.record_number,
        raw_records.data
    from {{ source('monenfant', 'creches') }} as raw_records
),

typed as (
    select
        raw_creches.run_id,
        raw_creches.file_name,
        raw_creches.record_number,
        {{ text('structureId') }} as id,
        {{ text('structureName') }} as nom,
        {{ text('structureType') }} as structure_type,
        -- written day first (14/03/2026); an impossible date becomes NULL
        {{ parse_date('btrim(raw_creches.data ->> ''modifiedDate'', E'' \t\r\n'')', 'DD/MM/YYYY') }} as date_maj,
        {{ text('gestionnaire') }} as gestionnaire,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'numeroVoie', E' \t\r\n'), '') as numero_voie,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'typeVoie', E' \t\r\n'), '') as type_voie,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'nomVoie', E' \t\r\n'), '') as nom_voie,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'codePostal', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'commune', E' \t\r\n'), '') as commune,
        -- "0000000000" is the site's placeholder for no number
        nullif(nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'telephone', E' \t\r\n'), ''), '0000000000') as telephone,
        nullif(nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'telephone2', E' \t\r\n'), ''), '0000000000') as telephone2,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'adresseMail', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_creches.data -> 'coordonnees' ->> 'siteInternet', E' \t\r\n'), '') as site_web,
        raw_creches.data -> 'description' ->> 'description1' as description1_html,
        raw_creches.data -> 'description' ->> 'description2' as description2_html,
        raw_creches.data -> 'description' ->> 'description3' as description3_html,
        raw_creches.data -> 'description' ->> 'description4' as description4_html,
        raw_creches.data -> 'description' ->> 'description5' as description5_html,
        raw_creches.data -> 'description' ->> 'description6' as description6_html,
        raw_creches.data -> 'serviceAccueil' ->> 'handicap' as handicap_html,
        -- a JSON boolean, or its text
        lower(btrim(raw_creches.data -> 'serviceCommun' ->> 'avip')) = 'true' as avip,
        lower(btrim(raw_creches.data -> 'serviceCommun' -> 'calendrier' ->> 'rendezVous')) = 'true' as rendez_vous,
        nullif(btrim(raw_creches.data -> 'serviceCommun' -> 'calendrier' ->> 'joursHorairesText', E' \t\r\n'), '') as horaires_texte,
        case jsonb_typeof(raw_creches.data -> 'serviceCommun' -> 'calendrier' -> 'joursHoraires')
            when 'object' then raw_creches.data -> 'serviceCommun' -> 'calendrier' -> 'joursHoraires'
        end as jours_horaires,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_creches.data -> 'serviceCommun' -> 'calendrier' -> 'periodesFermetures')
                    when 'array' then raw_creches.data -> 'serviceCommun' -> 'calendrier' -> 'periodesFermetures'
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as periodes_fermetures
    from raw_creches
),

-- copies of a crèche are normally identical; the most recently modified one
-- is kept, then the first loaded (file-name order), so that the choice does
-- not depend on the order the rows come back in
deduplicated as (
    select distinct on (typed.id) typed.*
    from typed
    where typed.id is not null
    order by typed.id, typed.date_maj desc nulls last, typed.record_number
),

-- HTML to Markdown (markdown_from_html, sql/functions/text/markdown_from_html.sql, says what is
-- converted), once per kept crèche; a text left with no letter or digit
-- ("-", "---", "<p>&nbsp;</p>") says nothing and is NULL
markdown_texts as (
    select
        deduplicated.id,
        case when markdown.description1 ~ '\w' then markdown.description1 end as description1,
        case when markdown.description2 ~ '\w' then markdown.description2 end as description2,
        case when markdown.description3 ~ '\w' then markdown.description3 end as description3,
        case when markdown.description4 ~ '\w' then markdown.description4 end as description4,
        case when markdown.description5 ~ '\w' then markdown.description5 end as description5,
        case when markdown.description6 ~ '\w' then markdown.description6 end as description6,
        case when markdown.handicap ~ '\w' then markdown.handicap end as handicap
    from deduplicated
    cross join lateral (
        select
            markdown_from_html(deduplicated.description1_html) as description1,
            markdown_from_html(deduplicated.description2_html) as description2,
            markdown_from_html(deduplicated.description3_html) as description3,
            markdown_from_html(deduplicated.description4_html) as description4,
            markdown_from_html(deduplicated.description5_html) as description5,
            markdown_from_html(deduplicated.description6_html) as description6,
            markdown_from_html(deduplicated.handicap_html) as handicap
        -- a fence: without it the planner copies each call into both of its uses
        offset 0
    ) as markdown
),

-- the calendar in OSM opening_hours syntax, as upstream's converter writes
-- it (sources/monenfant.md §3.1): the Monday slots for the whole week when
-- mondayToFridayWeek, else every day in turn; a day without slots is written
-- "Xx open" as upstream does; then the closing periods unless "jamais"
days as (
    select *
    from (
        values
            (1, 'lundi', 'Mo'), (2, 'mardi', 'Tu'), (3, 'mercredi', 'We'), (4, 'jeudi', 'Th'),
            (5, 'vendredi', 'Fr'), (6, 'samedi', 'Sa'), (7, 'dimanche', 'Su')
    ) as day (position, name, osm)
),

day_rules as (
    select
        deduplicated.id,
        lower(deduplicated.jours_horaires ->> 'mondayToFridayWeek') = 'true' as is_monday_to_friday,
        days.position,
        days.osm as osm_day,
        (
            select string_agg(slot_times.start_time || '-' || slot_times.end_time, ',' order by slot.position)
            from jsonb_array_elements(
                case jsonb_typeof(deduplicated.jours_horaires -> days.name)
                    when 'array' then deduplicated.jours_horaires -> days.name
                end
            ) with ordinality as slot (value, position)
            -- times are HH:MM; a one-digit hour is padded, seconds dropped
            cross join lateral (
                select
                    regexp_replace(
                        regexp_replace(btrim(slot.value ->> 'start'), '^(\d):', '0\1:'),
                        '^(\d\d:\d\d):\d\d$', '\1'
                    ) as start_time,
                    regexp_replace(
                        regexp_replace(btrim(slot.value ->> 'end'), '^(\d):', '0\1:'),
                        '^(\d\d:\d\d):\d\d$', '\1'
                    ) as end_time
            ) as slot_times
            where slot_times.start_time <> '' and slot_times.end_time <> ''
        ) as slots
    from deduplicated
    cross join days
    where deduplicated.jours_horaires is not null
),

week_rules as (
    select
        day_rules.id,
        case
            when bool_or(day_rules.is_monday_to_friday)
                then 'Mo-Fr'
                    || coalesce(' ' || max(day_rules.slots) filter (where day_rules.position = 1), '')
                    || ' open'
            else string_agg(
                day_rules.osm_day || coalesce(' ' || day_rules.slots, '') || ' open',
                ', ' order by day_rules.position
            )
        end as rule
    from day_rules
    group by day_rules.id
),

closing_rules as (
    select
        deduplicated.id,
        case
            when not ('jamais' = any(coalesce(deduplicated.periodes_fermetures, '{}')))
                then (
                    select string_agg('; ' || period.osm || ' closed', '' order by period.position)
                    from unnest(deduplicated.periodes_fermetures) with ordinality as item (value, position)
                    -- an unknown period is skipped (and listed by
                    -- int__unknown_values)
                    inner join (
                        values ('juillet', 'Jul'), ('aout', 'Aug'), ('noel_nouvel_an', 'Dec 25-Jan 1')
                    ) as known_period (value, osm)
                        on known_period.value = item.value
                    cross join lateral (select item.position as position, known_period.osm as osm) as period
                )
        end as rule
    from deduplicated
)

select
    deduplicated.run_id,
    deduplicated.file_name,
    deduplicated.record_number,
    deduplicated.id,
    deduplicated.nom,
    deduplicated.structure_type,
    deduplicated.date_maj,
    deduplicated.gestionnaire,
    deduplicated.numero_voie,
    deduplicated.type_voie,
    deduplicated.nom_voie,
    deduplicated.code_postal,
    deduplicated.commune,
    deduplicated.telephone,
    deduplicated.telephone2,
    deduplicated.courriel,
    deduplicated.site_web,
    markdown_texts.description1 as modalites_tarifaires,
    -- a pedagogical project of 8 characters or fewer ("Jeux") says nothing
    case
        when char_length(markdown_texts.description2) > 8 then markdown_texts.description2
    end as projet_pedagogique,
    markdown_texts.description3 as presentation_gestionnaire,
    markdown_texts.description4 as presentation_equipe,
    markdown_texts.description5 as conditions_admission,
    markdown_texts.description6 as modalites_inscription,
    markdown_texts.handicap as accueil_handicap,
    coalesce(deduplicated.avip, false) as avip,
    deduplicated.rendez_vous,
    deduplicated.horaires_texte,
    week_rules.rule || coalesce(closing_rules.rule, '') as horaires_osm,
    deduplicated.periodes_fermetures
from deduplicated
left join markdown_texts
    on markdown_texts.id = deduplicated.id
left join week_rules
    on week_rules.id = deduplicated.id
left join closing_rules
    on closing_rules.id = deduplicated.id

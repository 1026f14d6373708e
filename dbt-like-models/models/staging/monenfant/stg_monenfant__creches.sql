-- monenfant.fr crèches (EAJE), one row per structureId: the search circles of
-- neighbouring communes overlap, so the same crèche comes in several
-- creches/<insee>.json files (§4). Typed and cleaned, HTML texts turned into
-- Markdown, the opening calendar turned into OSM opening_hours.
with

raw_creches as (
    select
        raw_records.run_id as run_id,
        raw_records.file_name as file_name,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('monenfant', 'creches') }} as raw_records
),

typed as (
    select
        raw_creches.run_id as run_id,
        raw_creches.file_name as file_name,
        raw_creches.record_number as record_number,
        nullif(btrim(raw_creches.data ->> 'structureId', E' \t\r\n'), '') as id,
        nullif(btrim(raw_creches.data ->> 'structureName', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_creches.data ->> 'structureType', E' \t\r\n'), '') as structure_type,
        -- written day first (14/03/2026); an impossible date becomes NULL
        (
            jsonb_path_query_first(
                to_jsonb(btrim(raw_creches.data ->> 'modifiedDate', E' \t\r\n')),
                '$.datetime("DD/MM/YYYY")', '{}', true
            ) #>> '{}'
        )::date as date_maj,
        nullif(btrim(raw_creches.data ->> 'gestionnaire', E' \t\r\n'), '') as gestionnaire,
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
    from raw_creches as raw_creches
),

-- copies of a crèche are normally identical; the most recently modified one
-- is kept, then the first loaded (file-name order), so that the choice does
-- not depend on the order the rows come back in
deduplicated as (
    select distinct on (typed.id) typed.*
    from typed as typed
    where typed.id is not null
    order by typed.id, typed.date_maj desc nulls last, typed.record_number
),

-- HTML → Markdown, one text at a time (the seven HTML fields as rows). A
-- reasonable regexp conversion of the usual tags, not a full HTML parser:
-- headings, paragraphs, line breaks, lists (numbered ones become bullets),
-- bold, italics and links are kept; tables, images and nested lists lose
-- their structure; every other tag is dropped; entities are decoded.
html_texts as (
    select
        deduplicated.id as id,
        field.name as field,
        field.html as html
    from deduplicated as deduplicated
    cross join lateral (
        values
            ('description1', deduplicated.description1_html),
            ('description2', deduplicated.description2_html),
            ('description3', deduplicated.description3_html),
            ('description4', deduplicated.description4_html),
            ('description5', deduplicated.description5_html),
            ('description6', deduplicated.description6_html),
            ('handicap', deduplicated.handicap_html)
    ) as field (name, html)
    where btrim(field.html, E' \t\r\n') <> ''
),

-- materialized: otherwise the planner repeats the conversion in every
-- aggregate of markdown_by_creche
markdown_texts as materialized (
    select
        html_texts.id as id,
        html_texts.field as field,
        nullif(btrim(tidied.value, E' \t\r\n'), '') as markdown
    from html_texts as html_texts
    -- line breaks inside HTML are plain spaces; a text without any tag keeps
    -- its own line breaks
    cross join lateral (
        select case
            when html_texts.html ~ '<[A-Za-z/!]'
                then regexp_replace(html_texts.html, '\s+', ' ', 'g')
            else replace(html_texts.html, E'\r\n', E'\n')
        end as value
    ) as collapsed
    -- comments, scripts and styles carry no text (.*? first: the shortest
    -- match, so that two scripts do not swallow the text between them)
    cross join lateral (
        select regexp_replace(
            collapsed.value, '<!--.*?-->|<script.*?</script>|<style.*?</style>', '', 'gi'
        ) as value
    ) as without_code
    -- links before the other tags: [text](url)
    cross join lateral (
        select regexp_replace(
            without_code.value,
            '<a\M[^>]*?href\s*=\s*["'']([^"'']*)["''][^>]*>(.*?)</a>',
            '[\2](\1)', 'gi'
        ) as value
    ) as links
    -- block elements become line breaks and Markdown markers
    cross join lateral (
        select regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(
                                regexp_replace(links.value, '<h1\M[^>]*>', E'\n\n# ', 'gi'),
                                '<h2\M[^>]*>', E'\n\n## ', 'gi'
                            ),
                            '<h3\M[^>]*>', E'\n\n### ', 'gi'
                        ),
                        '<h[4-6]\M[^>]*>', E'\n\n#### ', 'gi'
                    ),
                    '</h[1-6]>|</?(p|div|section|article|blockquote|table|ul|ol)\M[^>]*>', E'\n\n', 'gi'
                ),
                '<li\M[^>]*>', E'\n- ', 'gi'
            ),
            '<br\M[^>]*>|</?tr\M[^>]*>', E'\n', 'gi'
        ) as value
    ) as blocks
    -- inline emphasis, then every remaining tag (</li> included) is dropped
    cross join lateral (
        select regexp_replace(
            regexp_replace(
                regexp_replace(blocks.value, '</?(strong|b)\M[^>]*>', '**', 'gi'),
                '</?(em|i)\M[^>]*>', '_', 'gi'
            ),
            '<[^>]*>', '', 'g'
        ) as value
    ) as inline
    -- entities after the tags, so that an escaped "&lt;p&gt;" stays text:
    -- numeric ones by code point, named ones from the list below (an
    -- unknown name is left as written)
    cross join lateral (
        select case
            when strpos(inline.value, '&') = 0 then inline.value
            else (
                select string_agg(coalesce(decoded.value, token.value), '' order by token.position)
                from regexp_matches(inline.value, '&#?[0-9A-Za-z]+;|[^&]+|&', 'g') with ordinality as token_match (parts, position)
                cross join lateral (
                    select token_match.parts[1] as value, token_match.position as position
                ) as token
                cross join lateral (
                    select case
                        when token.value ~ '^&#[0-9]{1,7};$'
                            and substring(token.value from 3 for char_length(token.value) - 3)::integer between 1 and 1114111
                            and substring(token.value from 3 for char_length(token.value) - 3)::integer not between 55296 and 57343
                            then chr(substring(token.value from 3 for char_length(token.value) - 3)::integer)
                        when token.value ~* '^&#x[0-9a-f]{1,6};$'
                            and ('x' || lpad(substring(token.value from 4 for char_length(token.value) - 4), 8, '0'))::bit(32)::integer
                                between 1 and 1114111
                            and ('x' || lpad(substring(token.value from 4 for char_length(token.value) - 4), 8, '0'))::bit(32)::integer
                                not between 55296 and 57343
                            then chr(('x' || lpad(substring(token.value from 4 for char_length(token.value) - 4), 8, '0'))::bit(32)::integer)
                        when left(token.value, 1) = '&'
                            then (
                                select entity.character
                                from (
                                    values
                                        ('&nbsp;', ' '), ('&amp;', '&'), ('&lt;', '<'), ('&gt;', '>'),
                                        ('&quot;', '"'), ('&apos;', ''''), ('&rsquo;', '’'), ('&lsquo;', '‘'),
                                        ('&rdquo;', '”'), ('&ldquo;', '“'), ('&laquo;', '«'), ('&raquo;', '»'),
                                        ('&hellip;', '…'), ('&ndash;', '–'), ('&mdash;', '—'), ('&euro;', '€'),
                                        ('&deg;', '°'), ('&middot;', '·'), ('&bull;', '•'), ('&shy;', ''),
                                        ('&agrave;', 'à'), ('&acirc;', 'â'), ('&auml;', 'ä'), ('&ccedil;', 'ç'),
                                        ('&eacute;', 'é'), ('&egrave;', 'è'), ('&ecirc;', 'ê'), ('&euml;', 'ë'),
                                        ('&icirc;', 'î'), ('&iuml;', 'ï'), ('&ocirc;', 'ô'), ('&ouml;', 'ö'),
                                        ('&ugrave;', 'ù'), ('&ucirc;', 'û'), ('&uuml;', 'ü'), ('&yuml;', 'ÿ'),
                                        ('&oelig;', 'œ'), ('&aelig;', 'æ'), ('&Agrave;', 'À'), ('&Acirc;', 'Â'),
                                        ('&Ccedil;', 'Ç'), ('&Eacute;', 'É'), ('&Egrave;', 'È'), ('&Ecirc;', 'Ê'),
                                        ('&Icirc;', 'Î'), ('&Ocirc;', 'Ô'), ('&Ugrave;', 'Ù'), ('&Ucirc;', 'Û'),
                                        ('&OElig;', 'Œ'), ('&AElig;', 'Æ')
                                ) as entity (name, character)
                                where entity.name = token.value
                            )
                    end as value
                ) as decoded
            )
        end as value
    ) as unescaped
    -- spaces around line breaks go, blank lines are at most one
    cross join lateral (
        select regexp_replace(
            regexp_replace(
                regexp_replace(coalesce(unescaped.value, ''), '[ \t\u00a0]+', ' ', 'g'),
                ' ?\n ?', E'\n', 'g'
            ),
            '\n{3,}', E'\n\n', 'g'
        ) as value
    ) as tidied
),

markdown_by_creche as (
    select
        markdown_texts.id as id,
        -- a text made only of symbols ("-", "---") says nothing
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'description1') as description1,
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'description2') as description2,
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'description3') as description3,
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'description4') as description4,
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'description5') as description5,
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'description6') as description6,
        max(markdown_texts.markdown) filter (where markdown_texts.field = 'handicap') as handicap
    from markdown_texts as markdown_texts
    where markdown_texts.markdown ~ '\w'
    group by markdown_texts.id
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
        deduplicated.id as id,
        lower(deduplicated.jours_horaires ->> 'mondayToFridayWeek') = 'true' as is_monday_to_friday,
        days.position as position,
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
    from deduplicated as deduplicated
    cross join days as days
    where deduplicated.jours_horaires is not null
),

week_rules as (
    select
        day_rules.id as id,
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
    from day_rules as day_rules
    group by day_rules.id
),

closing_rules as (
    select
        deduplicated.id as id,
        case
            when not ('jamais' = any(coalesce(deduplicated.periodes_fermetures, '{}')))
                then (
                    select string_agg('; ' || period.osm || ' closed', '' order by period.position)
                    from unnest(deduplicated.periodes_fermetures) with ordinality as item (value, position)
                    -- an unknown period is skipped (and listed by
                    -- int_monenfant__unknown_values)
                    inner join (
                        values ('juillet', 'Jul'), ('aout', 'Aug'), ('noel_nouvel_an', 'Dec 25-Jan 1')
                    ) as known_period (value, osm)
                        on known_period.value = item.value
                    cross join lateral (select item.position as position, known_period.osm as osm) as period
                )
        end as rule
    from deduplicated as deduplicated
),

final as (
    select
        deduplicated.run_id as run_id,
        deduplicated.file_name as file_name,
        deduplicated.record_number as record_number,
        deduplicated.id as id,
        deduplicated.nom as nom,
        deduplicated.structure_type as structure_type,
        deduplicated.date_maj as date_maj,
        deduplicated.gestionnaire as gestionnaire,
        deduplicated.numero_voie as numero_voie,
        deduplicated.type_voie as type_voie,
        deduplicated.nom_voie as nom_voie,
        deduplicated.code_postal as code_postal,
        deduplicated.commune as commune,
        deduplicated.telephone as telephone,
        deduplicated.telephone2 as telephone2,
        deduplicated.courriel as courriel,
        deduplicated.site_web as site_web,
        markdown_by_creche.description1 as modalites_tarifaires,
        -- a pedagogical project of 8 characters or fewer ("Jeux") says nothing
        case
            when char_length(markdown_by_creche.description2) > 8 then markdown_by_creche.description2
        end as projet_pedagogique,
        markdown_by_creche.description3 as presentation_gestionnaire,
        markdown_by_creche.description4 as presentation_equipe,
        markdown_by_creche.description5 as conditions_admission,
        markdown_by_creche.description6 as modalites_inscription,
        markdown_by_creche.handicap as accueil_handicap,
        coalesce(deduplicated.avip, false) as avip,
        deduplicated.rendez_vous as rendez_vous,
        deduplicated.horaires_texte as horaires_texte,
        week_rules.rule || coalesce(closing_rules.rule, '') as horaires_osm,
        deduplicated.periodes_fermetures as periodes_fermetures
    from deduplicated as deduplicated
    left join markdown_by_creche as markdown_by_creche
        on markdown_by_creche.id = deduplicated.id
    left join week_rules as week_rules
        on week_rules.id = deduplicated.id
    left join closing_rules as closing_rules
        on closing_rules.id = deduplicated.id
)

select * from final

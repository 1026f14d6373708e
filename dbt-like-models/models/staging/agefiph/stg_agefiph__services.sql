-- AGEFIPH solutions (services.json, JSON:API resources of type
-- node--solution), one row per kept solution, typed and cleaned, still in
-- the Drupal field names. Dropped here (sources/agefiph.md §4): solutions run
-- by a partner and solutions tagged with one of the two thematiques aimed at
-- training bodies and employers' staff. The HTML detail becomes Markdown.
with

raw_solutions as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('agefiph', 'services') }} as raw_records
),

typed as (
    select
        raw_solutions.run_id as run_id,
        raw_solutions.record_number as record_number,
        nullif(btrim(raw_solutions.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_solutions.data #>> '{attributes,title}', E' \t\r\n'), '') as title,
        -- the date as written (the API's offset is +00:00), whatever the
        -- session time zone; an impossible date is NULL
        case
            when btrim(raw_solutions.data #>> '{attributes,changed}') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_solutions.data #>> '{attributes,changed}'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as changed,
        nullif(btrim(raw_solutions.data #>> '{attributes,path,alias}', E' \t\r\n'), '') as path_alias,
        -- the link to apply: "route:<nolink>" is Drupal's "no link", and
        -- "internal:" paths are relative to the AGEFIPH site
        case
            when btrim(raw_solutions.data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n') in ('', 'route:<nolink>')
                then null
            when btrim(raw_solutions.data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n') like 'internal:%'
                then 'https://www.agefiph.fr'
                    || substring(btrim(raw_solutions.data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n') from 10)
            else btrim(raw_solutions.data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n')
        end as lien_aide,
        nullif(btrim(raw_solutions.data #>> '{attributes,field_solution_detail,value}', E' \t\r\n'), '') as detail,
        nullif(btrim(raw_solutions.data #>> '{attributes,field_montant_aide}', E' \t\r\n'), '') as montant_aide,
        case
            when lower(btrim(raw_solutions.data #>> '{attributes,field_solution_partenaire}')) in ('true', 'false')
                then lower(btrim(raw_solutions.data #>> '{attributes,field_solution_partenaire}'))::boolean
        end as solution_partenaire,
        -- JSON:API to-one relationships: {"data": {"type", "id"}} or {"data": null}
        nullif(btrim(raw_solutions.data #>> '{relationships,field_profil_associe,data,id}', E' \t\r\n'), '') as profil_associe_id,
        nullif(btrim(raw_solutions.data #>> '{relationships,field_type_de_solution,data,id}', E' \t\r\n'), '') as type_de_solution_id,
        -- to-many relationship: {"data": [{"type", "id"}, …]}
        (
            select array_agg(btrim(item.value ->> 'id', E' \t\r\n') order by item.position)
            from jsonb_array_elements(
                case jsonb_typeof(raw_solutions.data #> '{relationships,field_thematique,data}')
                    when 'array' then raw_solutions.data #> '{relationships,field_thematique,data}'
                    when 'object' then jsonb_build_array(raw_solutions.data #> '{relationships,field_thematique,data}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value ->> 'id', E' \t\r\n') <> ''
        ) as thematique_ids
    from raw_solutions as raw_solutions
),

solutions as (
    select typed.*
    from typed as typed
    -- a partner's solution is the partner's offer, not AGEFIPH's; a missing
    -- flag is read as "not a partner" (upstream's `not` drops it by accident)
    where typed.solution_partenaire is not true
        -- "Développer l'accessibilité de vos formations" and "Se former et
        -- sensibiliser ses collaborateurs au handicap" address organisations
        and not coalesce(
            typed.thematique_ids && array[
                '4e08047f-b0ed-431a-9182-61e8e61b1486',
                '70bb7d35-ce81-46cc-b17b-01155a70c05c'
            ],
            false
        )
),

-- Upstream runs the Python markdownify library; the project has no
-- functions, so this is a regular-expression conversion of the common tags
-- (p, div, br, strong/b, em/i, ul/ol/li, a, h1-h6), the same as
-- int_soliguide__markdown. Limits: docs/sources/agefiph.md. First the
-- entities known by name; numeric ones (&#233; &#xE9;) are decoded in final.
named_entities as (
    select entity.name as name, entity.character as character
    from (
        values
            ('&amp;', '&'), ('&lt;', '<'), ('&gt;', '>'), ('&quot;', '"'), ('&apos;', ''''),
            ('&nbsp;', ' '), ('&shy;', ''), ('&rsquo;', '’'), ('&lsquo;', '‘'), ('&rdquo;', '”'),
            ('&ldquo;', '“'), ('&laquo;', '«'), ('&raquo;', '»'), ('&hellip;', '…'), ('&ndash;', '–'),
            ('&mdash;', '—'), ('&euro;', '€'), ('&deg;', '°'), ('&middot;', '·'), ('&bull;', '•'),
            ('&eacute;', 'é'), ('&egrave;', 'è'), ('&ecirc;', 'ê'), ('&euml;', 'ë'), ('&agrave;', 'à'),
            ('&acirc;', 'â'), ('&ccedil;', 'ç'), ('&icirc;', 'î'), ('&iuml;', 'ï'), ('&ocirc;', 'ô'),
            ('&ugrave;', 'ù'), ('&ucirc;', 'û'), ('&uuml;', 'ü'), ('&oelig;', 'œ'), ('&Eacute;', 'É'),
            ('&Egrave;', 'È'), ('&Ecirc;', 'Ê'), ('&Agrave;', 'À'), ('&Ccedil;', 'Ç'), ('&OElig;', 'Œ')
    ) as entity (name, character)
),

final as (
    select
        solutions.run_id as run_id,
        solutions.record_number as record_number,
        solutions.id as id,
        solutions.title as title,
        solutions.changed as changed,
        solutions.path_alias as path_alias,
        solutions.lien_aide as lien_aide,
        -- white space tidied: no spaces at line starts or before a blank
        -- line, at most one blank line in a row, nothing around the text
        nullif(
            btrim(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(decoded.text, E'\n[ \t]+', E'\n', 'g'),
                        E'[ \t]+\n\n', E'\n\n', 'g'
                    ),
                    E'\n{3,}', E'\n\n', 'g'
                ),
                E' \t\r\n'
            ),
            ''
        ) as detail,
        solutions.montant_aide as montant_aide,
        solutions.solution_partenaire as solution_partenaire,
        solutions.profil_associe_id as profil_associe_id,
        solutions.type_de_solution_id as type_de_solution_id,
        solutions.thematique_ids as thematique_ids
    from solutions as solutions
    -- a text without any tag is not HTML: its line breaks are kept
    cross join lateral (
        select solutions.detail ~ '</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>' as is_html
    ) as kind_of_text
    -- HTML collapses white space; comments, scripts, styles, images go
    cross join lateral (
        select
            case
                when kind_of_text.is_html then
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(
                                regexp_replace(solutions.detail, '\s+', ' ', 'g'),
                                '<!--.*?-->', '', 'g'
                            ),
                            '<(script|style).*?</(script|style)\s*>', '', 'gi'
                        ),
                        '<img(\s[^>]*)?/?>', '', 'gi'
                    )
                else solutions.detail
            end as text
    ) as cleaned
    -- inline tags: line breaks, bold, italics; tags without a Markdown
    -- equivalent (span, font, u…) are dropped before links are read
    cross join lateral (
        select
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(
                                regexp_replace(cleaned.text, ' ?<br\s*/?> ?', E'  \n', 'gi'),
                                '<(strong|b)(\s[^>]*)?> ?', '**', 'gi'
                            ),
                            ' ?</(strong|b)\s*>', '**', 'gi'
                        ),
                        '<(em|i)(\s[^>]*)?> ?', '*', 'gi'
                    ),
                    ' ?</(em|i)\s*>', '*', 'gi'
                ),
                '</?(span|font|u|small|big|sup|sub|abbr|mark|ins|del|s|code|label)(\s[^>]*)?>', '', 'gi'
            ) as text
    ) as inline
    -- links: [text](href); a link without href keeps its text only
    cross join lateral (
        select
            regexp_replace(
                inline.text,
                '<a\s[^>]*href\s*=\s*["'']([^"'']*)["''][^>]*>([^<]*)</a\s*>', '[\2](\1)', 'gi'
            ) as text
    ) as links
    -- blocks: headings (ATX), list items, paragraphs and other blocks
    cross join lateral (
        select
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(
                                regexp_replace(
                                    regexp_replace(
                                        regexp_replace(
                                            regexp_replace(
                                                regexp_replace(
                                                    regexp_replace(links.text, '<h1(\s[^>]*)?> ?', E'\n\n# ', 'gi'),
                                                    '<h2(\s[^>]*)?> ?', E'\n\n## ', 'gi'
                                                ),
                                                '<h3(\s[^>]*)?> ?', E'\n\n### ', 'gi'
                                            ),
                                            '<h4(\s[^>]*)?> ?', E'\n\n#### ', 'gi'
                                        ),
                                        '<h5(\s[^>]*)?> ?', E'\n\n##### ', 'gi'
                                    ),
                                    '<h6(\s[^>]*)?> ?', E'\n\n###### ', 'gi'
                                ),
                                ' ?</h[1-6]\s*>', E'\n\n', 'gi'
                            ),
                            ' ?<li(\s[^>]*)?> ?', E'\n* ', 'gi'
                        ),
                        ' ?</li\s*> ?', '', 'gi'
                    ),
                    ' ?</(td|th)\s*> ?', ' ', 'gi'
                ),
                ' ?</?(p|div|ul|ol|blockquote|section|article|header|footer|table|tr|dl|dt|dd|hr|pre)(\s[^>]*)?/?> ?',
                E'\n\n',
                'gi'
            ) as text
    ) as blocks
    -- every other tag is dropped, its text kept
    cross join lateral (
        select regexp_replace(blocks.text, '</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>', '', 'g') as text
    ) as stripped
    -- entities decoded once, after the tags are gone (so "&lt;p&gt;" stays
    -- text); a numeric entity outside Unicode's scalar values stays as typed
    cross join lateral (
        select
            string_agg(
                case
                    when code_point.value between 1 and 1114111
                        and code_point.value not between 55296 and 57343
                        then chr(code_point.value)
                    else coalesce(named_entities.character, token.parts[1])
                end,
                ''
                order by token.position
            ) as text
        from regexp_matches(stripped.text, '&#?[A-Za-z0-9]+;|[^&]+|&', 'g') with ordinality as token (parts, position)
        cross join lateral (
            select
                case
                    when token.parts[1] ~ '^&#[0-9]{1,7};$'
                        then substring(token.parts[1] from 3 for char_length(token.parts[1]) - 3)::integer
                    when token.parts[1] ~* '^&#x[0-9a-f]{1,6};$'
                        then ('x' || lpad(substring(token.parts[1] from 4 for char_length(token.parts[1]) - 4), 8, '0'))::bit(32)::integer
                end as value
        ) as code_point
        left join named_entities as named_entities
            on named_entities.name = token.parts[1]
    ) as decoded
)

select * from final

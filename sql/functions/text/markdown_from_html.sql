-- HTML to Markdown, shared by every model that receives HTML (soliguide,
-- agefiph, carif-oref, reseau-alpha, monenfant descriptions). Upstream runs
-- the Python markdownify library; this is a regular-expression conversion of
-- the common tags (p, div, br, strong/b, em/i, ul/ol/li, a, h1-h6) and of
-- named and numeric entities. Limits: nested lists are flattened, ordered
-- lists get bullets, tables lose their layout, Markdown characters in the
-- text are not escaped, a link whose text holds other tags keeps only its
-- text. A text without any tag is returned trimmed, its line breaks kept.
create or replace function public.markdown_from_html(html text)
returns text
language sql
immutable
parallel safe
as $function$
with

-- Entities known by name; numeric ones (&#233; &#xE9;) are decoded below.
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

converted as (
    select
        decoded.text as text
    from (select html) as html_texts (html)
    -- a text without any tag is not HTML: its line breaks are kept
    cross join lateral (
        select html_texts.html ~ '</?[A-Za-z][A-Za-z0-9]*(\s[^>]*)?/?>' as is_html
    ) as kind_of_text
    -- HTML collapses white space; comments, scripts, styles, images go
    cross join lateral (
        select
            case
                when kind_of_text.is_html then
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(
                                regexp_replace(html_texts.html, '\s+', ' ', 'g'),
                                '<!--.*?-->', '', 'g'
                            ),
                            '<(script|style).*?</(script|style)\s*>', '', 'gi'
                        ),
                        '<img(\s[^>]*)?/?>', '', 'gi'
                    )
                else html_texts.html
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

select
    -- white space tidied: no spaces at line starts or before a blank
    -- line, at most one blank line in a row, nothing around the text
    nullif(
        btrim(
            regexp_replace(
                regexp_replace(
                    regexp_replace(converted.text, E'\n[ \t]+', E'\n', 'g'),
                    E'[ \t]+\n\n', E'\n\n', 'g'
                ),
                E'\n{3,}', E'\n\n', 'g'
            ),
            E' \t\r\n'
        ),
        ''
    )
from converted as converted
$function$;

comment on function public.markdown_from_html(text) is 'HTML text converted to Markdown (common tags and entities); NULL for NULL or empty results.';

-- What the loader scraped from each structure's HTML page
-- (structures/<id>.html): the last-modification date, read from its French
-- wording ("22 décembre 2025"), and the structure's own website.
with

typed as (
    select
        {{ source_header() }},
        {{ text('structure_id') }} as structure_id,
        {{ text('date_derniere_modification') }} as date_texte,
        {{ text('url') }} as url
    from {{ source('reseau-alpha', 'pages') }}
),

-- "5 juin 2025", "1er mars 2026": day, French month name, year
parsed as (
    select
        typed.*,
        regexp_match(lower(unaccent(typed.date_texte)), '^(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})$') as parts
    from typed
)

select distinct on (parsed.structure_id)
    {{ source_header() }},
    parsed.structure_id,
    parsed.date_texte,
    -- an impossible date (31 février) becomes NULL instead of an error
    (
        jsonb_path_query_first(
            to_jsonb(
                parsed.parts[3] || '-'
                || case parsed.parts[2]
                    when 'janvier' then '01'
                    when 'fevrier' then '02'
                    when 'mars' then '03'
                    when 'avril' then '04'
                    when 'mai' then '05'
                    when 'juin' then '06'
                    when 'juillet' then '07'
                    when 'aout' then '08'
                    when 'septembre' then '09'
                    when 'octobre' then '10'
                    when 'novembre' then '11'
                    when 'decembre' then '12'
                end
                || '-' || lpad(parsed.parts[1], 2, '0')
            ),
            '$.datetime("YYYY-MM-DD")', '{}', true
        ) #>> '{}'
    )::date as date_derniere_modification,
    parsed.url
from parsed
where parsed.structure_id is not null
order by parsed.structure_id, parsed.record_number

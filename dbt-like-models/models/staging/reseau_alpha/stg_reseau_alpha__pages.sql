-- What the loader scraped from each structure's HTML page
-- (structures/<id>.html): the last-modification date, read from its French
-- wording ("22 décembre 2025"), and the structure's own website.
with

raw_pages as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('reseau-alpha', 'pages') }} as raw_records
),

typed as (
    select
        raw_pages.run_id as run_id,
        raw_pages.record_number as record_number,
        nullif(btrim(raw_pages.data ->> 'structure_id', E' \t\r\n'), '') as structure_id,
        nullif(btrim(raw_pages.data ->> 'date_derniere_modification', E' \t\r\n'), '') as date_texte,
        nullif(btrim(raw_pages.data ->> 'url', E' \t\r\n'), '') as url
    from raw_pages as raw_pages
),

-- "5 juin 2025", "1er mars 2026": day, French month name, year
parsed as (
    select
        typed.*,
        regexp_match(lower(unaccent(typed.date_texte)), '^(\d{1,2})(?:er)?\s+([a-z]+)\s+(\d{4})$') as parts
    from typed as typed
),

final as (
    select distinct on (parsed.structure_id)
        parsed.run_id as run_id,
        parsed.record_number as record_number,
        parsed.structure_id as structure_id,
        parsed.date_texte as date_texte,
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
        parsed.url as url
    from parsed as parsed
    where parsed.structure_id is not null
    order by parsed.structure_id, parsed.record_number
)

select * from final

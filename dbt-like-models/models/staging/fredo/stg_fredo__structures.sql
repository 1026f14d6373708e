-- Fredo (La Réunion) structures, one row per object of structures.json,
-- typed and cleaned but still in Fredo's own data model. The vocabulary
-- arrays are lower-cased here because the mapping seeds compare lower-cased
-- values (sources/fredo.md §6). One row per service item is in stg_fredo__services.
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('fredo', 'structures') }} as raw_records
),

final as (
    select
        raw_structures.run_id as run_id,
        raw_structures.record_number as record_number,
        -- a number or a string in the API: used as text
        nullif(btrim(raw_structures.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_structures.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_structures.data ->> 'siret', E' \t\r\n'), '') as siret,
        nullif(btrim(raw_structures.data ->> 'adresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_structures.data ->> 'code_postal', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_structures.data ->> 'commune', E' \t\r\n'), '') as commune,
        -- numbers or numeric strings; .double() in silent mode yields NULL
        -- for anything else (empty strings included)
        jsonb_path_query_first(raw_structures.data, '$.latitude.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_structures.data, '$.longitude.double()', '{}', true)::double precision as longitude,
        -- despite its name, the structure's own website (becomes site_web)
        nullif(btrim(raw_structures.data ->> 'lien_source', E' \t\r\n'), '') as lien_source,
        -- free text, not opening_hours syntax
        nullif(btrim(raw_structures.data ->> 'horaires_ouverture', E' \t\r\n'), '') as horaires_ouverture,
        nullif(btrim(raw_structures.data ->> 'presentation_resume', E' \t\r\n'), '') as presentation_resume,
        -- "Gratuit/sur rendez-vous": one fee item per /-separated part
        (
            select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
            from unnest(string_to_array(raw_structures.data ->> 'frais', '/')) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as frais,
        -- only the exact shape YYYY-MM-DD HH:MM:SS is read (empty strings
        -- occur); the date as written, an impossible date is NULL
        case
            when btrim(raw_structures.data ->> 'last_update') ~ '^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_structures.data ->> 'last_update'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as last_update,
        (
            select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'categories')
                    when 'array' then raw_structures.data -> 'categories'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'categories')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as categories,
        (
            select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'services')
                    when 'array' then raw_structures.data -> 'services'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'services')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as services,
        (
            select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'publics')
                    when 'array' then raw_structures.data -> 'publics'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'publics')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics,
        (
            select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'type_structure')
                    when 'array' then raw_structures.data -> 'type_structure'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'type_structure')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as type_structure,
        -- e-mail addresses are case-insensitive in practice: lower-cased
        (
            select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'email')
                    when 'array' then raw_structures.data -> 'email'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'email')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as emails,
        -- phones kept as typed ("0262-00-00-03")
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'telephone')
                    when 'array' then raw_structures.data -> 'telephone'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'telephone')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as telephones
    from raw_structures as raw_structures
)

select * from final

-- DORA structures, one row per object of structures.json, typed and cleaned
-- but still in DORA's own (v0-named) data model. Mapping to v1 happens in
-- int_dora__structures_v1.
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('dora', 'structures') }} as raw_records
),

typed as (
    select
        raw_structures.run_id as run_id,
        raw_structures.record_number as record_number,
        nullif(btrim(raw_structures.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_structures.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_structures.data ->> 'siret', E' \t\r\n'), '') as siret,
        nullif(btrim(raw_structures.data ->> 'typologie', E' \t\r\n'), '') as typologie,
        nullif(btrim(raw_structures.data ->> 'adresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_structures.data ->> 'complement_adresse', E' \t\r\n'), '') as complement_adresse,
        -- postal and INSEE codes stay text: leading zeros and Corsican codes (2A004)
        nullif(btrim(raw_structures.data ->> 'code_postal', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_structures.data ->> 'code_insee', E' \t\r\n'), '') as code_insee,
        nullif(btrim(raw_structures.data ->> 'commune', E' \t\r\n'), '') as commune,
        -- .double() in silent mode accepts JSON numbers and numeric strings and
        -- yields NULL for anything else instead of failing the whole model
        jsonb_path_query_first(raw_structures.data, '$.latitude.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_structures.data, '$.longitude.double()', '{}', true)::double precision as longitude,
        nullif(btrim(raw_structures.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_structures.data ->> 'courriel', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_structures.data ->> 'site_web', E' \t\r\n'), '') as site_web,
        nullif(btrim(raw_structures.data ->> 'lien_source', E' \t\r\n'), '') as lien_source,
        nullif(btrim(raw_structures.data ->> 'horaires_ouverture', E' \t\r\n'), '') as horaires_ouverture,
        nullif(btrim(raw_structures.data ->> 'accessibilite', E' \t\r\n'), '') as accessibilite,
        nullif(btrim(raw_structures.data ->> 'presentation_resume', E' \t\r\n'), '') as presentation_resume,
        nullif(btrim(raw_structures.data ->> 'presentation_detail', E' \t\r\n'), '') as presentation_detail,
        -- the date as written by the producer (its local date), whatever the
        -- session time zone; an impossible date (2024-02-30) becomes NULL
        case
            when btrim(raw_structures.data ->> 'date_maj') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_structures.data ->> 'date_maj'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as date_maj,
        nullif(btrim(raw_structures.data ->> 'source', E' \t\r\n'), '') as source,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'labels_nationaux')
                    when 'array' then raw_structures.data -> 'labels_nationaux'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'labels_nationaux')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as labels_nationaux,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_structures.data -> 'labels_autres')
                    when 'array' then raw_structures.data -> 'labels_autres'
                    when 'string' then jsonb_build_array(raw_structures.data -> 'labels_autres')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as labels_autres
    from raw_structures as raw_structures
),

final as (
    select
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        -- DORA names often end with a stray dot; v1 warns on a final dot
        -- except for "etc.", so the dots are dropped here as upstream does
        case
            when typed.nom ~* 'etc\.$' then typed.nom
            else nullif(rtrim(regexp_replace(typed.nom, '\.+$', ''), E' \t\r\n'), '')
        end as nom,
        typed.siret as siret,
        typed.typologie as typologie,
        typed.adresse as adresse,
        typed.complement_adresse as complement_adresse,
        typed.code_postal as code_postal,
        typed.code_insee as code_insee,
        typed.commune as commune,
        typed.latitude as latitude,
        typed.longitude as longitude,
        typed.telephone as telephone,
        typed.courriel as courriel,
        typed.site_web as site_web,
        typed.lien_source as lien_source,
        typed.horaires_ouverture as horaires_ouverture,
        typed.accessibilite as accessibilite,
        typed.presentation_resume as presentation_resume,
        typed.presentation_detail as presentation_detail,
        typed.date_maj as date_maj,
        typed.source as source,
        typed.labels_nationaux as labels_nationaux,
        typed.labels_autres as labels_autres
    from typed as typed
)

select * from final

-- CD35 organisations (ArcGIS attribute objects of organisations.json), one row
-- per organisation, typed and cleaned but still in the layer's own fields.
-- Keys are the ArcGIS field names in upper case; upstream's reader turns
-- every value into text, so numbers and strings are both accepted here.
with

raw_organisations as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('cd35', 'organisations') }} as raw_records
),

typed as (
    select
        raw_organisations.run_id as run_id,
        raw_organisations.record_number as record_number,
        organisation_id.id as id,
        nullif(btrim(raw_organisations.data ->> 'NOM', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_organisations.data ->> 'SIGLE', E' \t\r\n'), '') as sigle,
        nullif(btrim(raw_organisations.data ->> 'ADRESSE', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_organisations.data ->> 'COMPLEMENT_ADRESSE', E' \t\r\n'), '') as complement_adresse,
        -- codes stay text: leading zeros
        nullif(btrim(raw_organisations.data ->> 'CODE_POSTAL', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_organisations.data ->> 'CODE_INSEE', E' \t\r\n'), '') as code_insee,
        nullif(btrim(raw_organisations.data ->> 'COMMUNE', E' \t\r\n'), '') as commune,
        -- .double() in silent mode takes a JSON number or a numeric string
        -- ("48.0250") and yields NULL for anything else
        jsonb_path_query_first(raw_organisations.data, '$.LATITUDE.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_organisations.data, '$.LONGITUDE.double()', '{}', true)::double precision as longitude,
        nullif(btrim(raw_organisations.data ->> 'TELEPHONE', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_organisations.data ->> 'COURRIEL', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_organisations.data ->> 'SITE_WEB', E' \t\r\n'), '') as site_web,
        nullif(btrim(raw_organisations.data ->> 'LIEN_SOURCE', E' \t\r\n'), '') as lien_source,
        nullif(btrim(raw_organisations.data ->> 'HORAIRES_OUVERTURE', E' \t\r\n'), '') as horaires_ouverture,
        nullif(btrim(raw_organisations.data ->> 'PRESENTATION_DETAIL', E' \t\r\n'), '') as presentation_detail,
        date_maj.value as date_maj,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from regexp_split_to_table(raw_organisations.data ->> 'PROFIL', ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as profils,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from regexp_split_to_table(raw_organisations.data ->> 'THEMATIQUE', ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as thematiques
    from raw_organisations as raw_organisations
    -- an integer field that held nulls comes as "1042.0" after upstream's
    -- text conversion: the id is the same organisation as "1042"
    cross join lateral (
        select regexp_replace(
            nullif(btrim(raw_organisations.data ->> 'ID', E' \t\r\n'), ''),
            '^(\d+)\.0+$', '\1'
        ) as id
    ) as organisation_id
    -- DATE_MAJ was a YYYYMMDD string in 2024 and is read as a date today, so
    -- both YYYYMMDD and YYYY-MM-DD are accepted; an ArcGIS date field would
    -- come as epoch milliseconds (UTC). Impossible dates become NULL.
    cross join lateral (
        select btrim(raw_organisations.data ->> 'DATE_MAJ', E' \t\r\n') as text
    ) as date_text
    cross join lateral (
        select case
            when date_text.text ~ '^\d{8}$'
                then (
                    jsonb_path_query_first(to_jsonb(date_text.text), '$.datetime("YYYYMMDD")', '{}', true) #>> '{}'
                )::date
            when date_text.text ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(date_text.text, 10)), '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
            when date_text.text ~ '^\d{11,13}(\.0+)?$'
                then (to_timestamp(date_text.text::numeric / 1000) at time zone 'UTC')::date
        end as value
    ) as date_maj
),

-- ArcGIS pages are ordered by ObjectId; should a feature come twice (the
-- layer changing between two pages), the first copy is kept
final as (
    select distinct on (typed.id)
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        typed.nom as nom,
        typed.sigle as sigle,
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
        typed.presentation_detail as presentation_detail,
        typed.date_maj as date_maj,
        typed.profils as profils,
        typed.thematiques as thematiques
    from typed as typed
    where typed.id is not null
    order by typed.id, typed.record_number
)

select * from final

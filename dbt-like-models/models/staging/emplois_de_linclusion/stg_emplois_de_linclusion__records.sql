-- Both streams of les emplois de l'inclusion share one object shape: they
-- are typed and cleaned here once, each row tagged with its stream; the
-- per-stream staging models select their own rows.
with

raw_records as (
    select
        'organisations' as stream,
        organisations.run_id as run_id,
        organisations.record_number as record_number,
        organisations.data as data
    from {{ source('emplois-de-linclusion', 'organisations') }} as organisations
    union all
    select
        'siaes' as stream,
        siaes.run_id as run_id,
        siaes.record_number as record_number,
        siaes.data as data
    from {{ source('emplois-de-linclusion', 'siaes') }} as siaes
),

typed as (
    select
        raw_records.stream as stream,
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        -- ids are UUIDs shared by both streams; kept exactly as sent
        raw_records.data ->> 'id' as id,
        nullif(btrim(raw_records.data ->> 'kind', E' \t\r\n'), '') as kind,
        nullif(btrim(raw_records.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_records.data ->> 'siret', E' \t\r\n'), '') as siret,
        nullif(btrim(raw_records.data ->> 'description', E' \t\r\n'), '') as description,
        nullif(btrim(raw_records.data ->> 'adresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_records.data ->> 'complement_adresse', E' \t\r\n'), '') as complement_adresse,
        nullif(btrim(raw_records.data ->> 'code_postal', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_records.data ->> 'commune', E' \t\r\n'), '') as commune,
        jsonb_path_query_first(raw_records.data, '$.latitude.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_records.data, '$.longitude.double()', '{}', true)::double precision as longitude,
        nullif(btrim(raw_records.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_records.data ->> 'courriel', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_records.data ->> 'site_web', E' \t\r\n'), '') as site_web,
        nullif(btrim(raw_records.data ->> 'lien_source', E' \t\r\n'), '') as lien_source,
        -- plain dates and date-times both occur; the date is taken as written
        -- (producer's local date) and an impossible date becomes NULL
        case
            when btrim(raw_records.data ->> 'date_maj') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_records.data ->> 'date_maj'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as date_maj
    from raw_records as raw_records
),

final as (
    select
        typed.stream as stream,
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        typed.kind as kind,
        typed.nom as nom,
        -- organisations without a SIRET carry the placeholder 00000000000000
        case
            when typed.stream = 'organisations' then nullif(typed.siret, '00000000000000')
            else typed.siret
        end as siret,
        typed.description as description,
        typed.adresse as adresse,
        typed.complement_adresse as complement_adresse,
        typed.code_postal as code_postal,
        typed.commune as commune,
        -- les emplois sends 0 for an unknown coordinate (each one separately)
        nullif(typed.latitude, 0) as latitude,
        nullif(typed.longitude, 0) as longitude,
        typed.telephone as telephone,
        typed.courriel as courriel,
        typed.site_web as site_web,
        typed.lien_source as lien_source,
        typed.date_maj as date_maj
    from typed as typed
)

select * from final

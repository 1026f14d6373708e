-- Both streams of les emplois de l'inclusion share one object shape: they
-- are typed and cleaned here once, each row tagged with its stream; the
-- per-stream staging models select their own rows.
with

raw_records as (
    select
        'organisations' as stream,
        {{ source_header() }},
        organisations.data
    from {{ source('emplois-de-linclusion', 'organisations') }} as organisations
    union all
    select
        'siaes' as stream,
        {{ source_header() }},
        siaes.data
    from {{ source('emplois-de-linclusion', 'siaes') }} as siaes
),

typed as (
    select
        raw_records.stream,
        {{ source_header() }},
        -- ids are UUIDs shared by both streams; kept exactly as sent
        raw_records.data ->> 'id' as id,
        {{ text('kind', 'raw_records.data') }} as kind,
        {{ text('nom', 'raw_records.data') }} as nom,
        {{ text('siret', 'raw_records.data') }} as siret,
        {{ text('description', 'raw_records.data') }} as description,
        {{ text('adresse', 'raw_records.data') }} as adresse,
        {{ text('complement_adresse', 'raw_records.data') }} as complement_adresse,
        {{ text('code_postal', 'raw_records.data') }} as code_postal,
        {{ text('commune', 'raw_records.data') }} as commune,
        {{ number('latitude', 'raw_records.data') }} as latitude,
        {{ number('longitude', 'raw_records.data') }} as longitude,
        {{ text('telephone', 'raw_records.data') }} as telephone,
        {{ text('courriel', 'raw_records.data') }} as courriel,
        {{ text('site_web', 'raw_records.data') }} as site_web,
        {{ text('lien_source', 'raw_records.data') }} as lien_source,
        -- plain dates and date-times both occur; the date is taken as written
        -- (producer's local date) and an impossible date becomes NULL
        {{ date('date_maj', 'raw_records.data') }} as date_maj
    from raw_records
)

select
    typed.stream,
    {{ source_header() }},
    typed.id,
    typed.kind,
    typed.nom,
    -- organisations without a SIRET carry the placeholder 00000000000000
    case
        when typed.stream = 'organisations' then nullif(typed.siret, '00000000000000')
        else typed.siret
    end as siret,
    typed.description,
    typed.adresse,
    typed.complement_adresse,
    typed.code_postal,
    typed.commune,
    -- les emplois sends 0 for an unknown coordinate (each one separately)
    nullif(typed.latitude, 0) as latitude,
    nullif(typed.longitude, 0) as longitude,
    typed.telephone,
    typed.courriel,
    typed.site_web,
    typed.lien_source,
    typed.date_maj
from typed

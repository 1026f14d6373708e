-- CD35 organisations (ArcGIS attribute objects of organisations.json), one row
-- per organisation, typed and cleaned but still in the layer's own fields.
-- Keys are the ArcGIS field names in upper case; upstream's reader turns
-- every value into text, so numbers and strings are both accepted here.
with

raw_organisations as (
    select {{ source_header() }}, data
    from {{ source('cd35', 'organisations') }}
),

typed as (
    select
        {{ source_header('raw_organisations') }},
        organisation_id.id,
        {{ text('NOM') }} as nom,
        {{ text('SIGLE') }} as sigle,
        {{ text('ADRESSE') }} as adresse,
        {{ text('COMPLEMENT_ADRESSE') }} as complement_adresse,
        -- codes stay text: leading zeros
        {{ text('CODE_POSTAL') }} as code_postal,
        {{ text('CODE_INSEE') }} as code_insee,
        {{ text('COMMUNE') }} as commune,
        -- .double() in silent mode takes a JSON number or a numeric string
        -- ("48.0250") and yields NULL for anything else
        {{ number('LATITUDE') }} as latitude,
        {{ number('LONGITUDE') }} as longitude,
        {{ text('TELEPHONE') }} as telephone,
        {{ text('COURRIEL') }} as courriel,
        {{ text('SITE_WEB') }} as site_web,
        {{ text('LIEN_SOURCE') }} as lien_source,
        {{ text('HORAIRES_OUVERTURE') }} as horaires_ouverture,
        {{ text('PRESENTATION_DETAIL') }} as presentation_detail,
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
    from raw_organisations
    -- an integer field that held nulls comes as "1042.0" after upstream's
    -- text conversion: the id is the same organisation as "1042"
    cross join lateral (
        select regexp_replace(
            {{ text('ID') }},
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
                then {{ parse_date('date_text.text', 'YYYYMMDD') }}
            when date_text.text ~ '^\d{4}-\d{2}-\d{2}'
                then {{ parse_date('left(date_text.text, 10)', 'YYYY-MM-DD') }}
            when date_text.text ~ '^\d{11,13}(\.0+)?$'
                then (to_timestamp(date_text.text::numeric / 1000) at time zone 'UTC')::date
        end as value
    ) as date_maj
),

-- ArcGIS pages are ordered by ObjectId; should a feature come twice (the
-- layer changing between two pages), the first copy is kept
final as (
    select distinct on (typed.id)
        {{ source_header('typed') }},
        typed.id,
        typed.nom,
        typed.sigle,
        typed.adresse,
        typed.complement_adresse,
        typed.code_postal,
        typed.code_insee,
        typed.commune,
        typed.latitude,
        typed.longitude,
        typed.telephone,
        typed.courriel,
        typed.site_web,
        typed.lien_source,
        typed.horaires_ouverture,
        typed.presentation_detail,
        typed.date_maj,
        typed.profils,
        typed.thematiques
    from typed
    where typed.id is not null
    order by typed.id, typed.record_number
)

select * from final

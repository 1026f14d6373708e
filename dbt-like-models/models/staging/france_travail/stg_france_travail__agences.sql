-- France Travail agencies, one row per object of agences.json (the
-- referentielagences API body), typed and cleaned but still in the API's own
-- data model. The agency e-mail is deliberately not staged: France Travail
-- asked that it never be published (sources/france-travail.md §3.1).
with

raw_agences as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('france-travail', 'agences') }} as raw_records
),

final as (
    select
        raw_agences.run_id as run_id,
        raw_agences.record_number as record_number,
        nullif(btrim(raw_agences.data ->> 'code', E' \t\r\n'), '') as code,
        nullif(btrim(raw_agences.data ->> 'libelle', E' \t\r\n'), '') as libelle,
        nullif(btrim(raw_agences.data ->> 'libelleEtendu', E' \t\r\n'), '') as libelle_etendu,
        nullif(btrim(raw_agences.data ->> 'type', E' \t\r\n'), '') as type,
        nullif(btrim(raw_agences.data ->> 'siret', E' \t\r\n'), '') as siret,
        -- a JSON boolean in the API; a string "true"/"O" is read the same way
        case jsonb_typeof(raw_agences.data -> 'dispositifADEDA')
            when 'boolean' then (raw_agences.data -> 'dispositifADEDA')::boolean
            when 'string' then lower(btrim(raw_agences.data ->> 'dispositifADEDA')) in ('true', 'o', 'oui', '1')
        end as dispositif_adeda,
        nullif(btrim(raw_agences.data #>> '{adressePrincipale,ligne4}', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_agences.data #>> '{adressePrincipale,ligne3}', E' \t\r\n'), '') as complement_adresse,
        -- communeImplantation is the INSEE code, bureauDistributeur the postal
        -- code; both stay text (leading zeros, 2A/2B)
        nullif(btrim(raw_agences.data #>> '{adressePrincipale,communeImplantation}', E' \t\r\n'), '') as code_insee,
        nullif(btrim(raw_agences.data #>> '{adressePrincipale,bureauDistributeur}', E' \t\r\n'), '') as code_postal,
        -- .double() in silent mode: numbers or numeric strings, NULL otherwise
        jsonb_path_query_first(raw_agences.data, '$.adressePrincipale.gpsLat.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_agences.data, '$.adressePrincipale.gpsLon.double()', '{}', true)::double precision as longitude,
        nullif(btrim(raw_agences.data #>> '{contact,telephonePublic}', E' \t\r\n'), '') as telephone_public,
        -- the opening hours stay a JSON array of day objects here; they are
        -- converted to OSM opening_hours in int_france_travail__structures_v1.
        -- An absent list stays NULL (unknown hours), an empty one is kept.
        case
            when jsonb_typeof(raw_agences.data -> 'horaires') = 'array' then raw_agences.data -> 'horaires'
        end as horaires
    from raw_agences as raw_agences
)

select * from final

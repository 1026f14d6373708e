-- AGEFIPH contacts (structures.json, JSON:API resources of type
-- node--contact), one row per regional office: partner contacts are
-- dropped here (sources/agefiph.md §4). Typed and cleaned, still in the
-- Drupal field names. The postal address and coordinates are staged but not
-- used: the v1 address comes from seed map_agefiph__adresses.
with

raw_contacts as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('agefiph', 'structures') }} as raw_records
),

typed as (
    select
        raw_contacts.run_id as run_id,
        raw_contacts.record_number as record_number,
        nullif(btrim(raw_contacts.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_contacts.data #>> '{relationships,field_type_contact,data,id}', E' \t\r\n'), '') as type_contact_id,
        nullif(btrim(raw_contacts.data #>> '{attributes,title}', E' \t\r\n'), '') as title,
        -- the date as written (the API's offset is +00:00), whatever the
        -- session time zone; an impossible date is NULL
        case
            when btrim(raw_contacts.data #>> '{attributes,changed}') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_contacts.data #>> '{attributes,changed}'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as changed,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_adresse,address_line1}', E' \t\r\n'), '') as adresse_address_line1,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_adresse,address_line2}', E' \t\r\n'), '') as adresse_address_line2,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_adresse,postal_code}', E' \t\r\n'), '') as adresse_postal_code,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_adresse,locality}', E' \t\r\n'), '') as adresse_locality,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_courriel}', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_telephone}', E' \t\r\n'), '') as telephone,
        jsonb_path_query_first(raw_contacts.data, '$.attributes.field_geolocalisation.lat.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_contacts.data, '$.attributes.field_geolocalisation.lng.double()', '{}', true)::double precision as longitude,
        nullif(btrim(raw_contacts.data #>> '{attributes,field_lien_externe,uri}', E' \t\r\n'), '') as lien_externe,
        -- opening hours as free text ("Du lundi au vendredi de 9h à 18h")
        nullif(btrim(raw_contacts.data #>> '{attributes,field_texte_brut_long}', E' \t\r\n'), '') as horaires
    from raw_contacts as raw_contacts
),

final as (
    select
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        typed.type_contact_id as type_contact_id,
        typed.title as title,
        typed.changed as changed,
        typed.adresse_address_line1 as adresse_address_line1,
        typed.adresse_address_line2 as adresse_address_line2,
        typed.adresse_postal_code as adresse_postal_code,
        typed.adresse_locality as adresse_locality,
        typed.courriel as courriel,
        typed.telephone as telephone,
        typed.latitude as latitude,
        typed.longitude as longitude,
        typed.lien_externe as lien_externe,
        typed.horaires as horaires
    from typed as typed
    -- only the regional offices ("délégations régionales") are structures;
    -- the other contact types are partners (Cap emploi…) published elsewhere
    where typed.type_contact_id = '3050a487-098f-4af0-9809-bc7ec4a5b999'
)

select * from final

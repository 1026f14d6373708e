-- AGEFIPH contacts (structures.json, JSON:API resources of type
-- node--contact), one row per regional office: partner contacts are
-- dropped here (sources/agefiph.md §4). Typed and cleaned, still in the
-- Drupal field names. The postal address and coordinates are staged but not
-- used: the v1 address comes from seed map_agefiph__adresses.
with

typed as (
    select
        {{ source_header() }},
        {{ text('id') }} as id,
        {{ text('{relationships,field_type_contact,data,id}') }} as type_contact_id,
        {{ text('{attributes,title}') }} as title,
        -- the date as written (the API's offset is +00:00), whatever the
        -- session time zone; an impossible date is NULL
        {{ date('{attributes,changed}') }} as changed,
        {{ text('{attributes,field_adresse,address_line1}') }} as adresse_address_line1,
        {{ text('{attributes,field_adresse,address_line2}') }} as adresse_address_line2,
        {{ text('{attributes,field_adresse,postal_code}') }} as adresse_postal_code,
        {{ text('{attributes,field_adresse,locality}') }} as adresse_locality,
        {{ text('{attributes,field_courriel}') }} as courriel,
        {{ text('{attributes,field_telephone}') }} as telephone,
        {{ number('attributes.field_geolocalisation.lat') }} as latitude,
        {{ number('attributes.field_geolocalisation.lng') }} as longitude,
        {{ text('{attributes,field_lien_externe,uri}') }} as lien_externe,
        -- opening hours as free text ("Du lundi au vendredi de 9h à 18h")
        {{ text('{attributes,field_texte_brut_long}') }} as horaires
    from {{ source('agefiph', 'structures') }}
)

select
    {{ source_header() }},
    typed.id,
    typed.type_contact_id,
    typed.title,
    typed.changed,
    typed.adresse_address_line1,
    typed.adresse_address_line2,
    typed.adresse_postal_code,
    typed.adresse_locality,
    typed.courriel,
    typed.telephone,
    typed.latitude,
    typed.longitude,
    typed.lien_externe,
    typed.horaires
from typed
-- only the regional offices ("délégations régionales") are structures;
-- the other contact types are partners (Cap emploi…) published elsewhere
where typed.type_contact_id = '3050a487-098f-4af0-9809-bc7ec4a5b999'

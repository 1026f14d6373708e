-- Réseau Alpha structures (one raw record per element of the `structures`
-- array of cartographie.json), typed and cleaned, with the one address and the
-- one contact that sources/reseau-alpha.md §4 keeps: the first address with a
-- street, the first contact with a phone (else the first with an e-mail).
-- Their formations are in stg_reseau_alpha__formations.
with

raw_structures as (
    select {{ source_header() }}, data
    from {{ source('reseau-alpha', 'structures') }}
),

typed as (
    select
        {{ source_header('raw_structures') }},
        -- ids come as strings or numbers: both read as text
        {{ text('id') }} as id,
        {{ text('nom') }} as nom,
        {{ text('acronyme') }} as acronyme,
        {{ text('slug') }} as slug,
        {{ text('type') }} as type,
        {{ text('url') }} as url,
        {{ text('description') }} as description_html,
        case jsonb_typeof(raw_structures.data -> 'estCoordination')
            when 'boolean' then (raw_structures.data ->> 'estCoordination')::boolean
        end as est_coordination,
        {{ text('urlCoordination') }} as url_coordination,
        -- the first address that has a street
        (
            select adresse.value
            from jsonb_path_query(raw_structures.data, 'lax $.adresses[*]')
                with ordinality as adresse (value, position)
            where {{ text('voie', 'adresse.value') }} is not null
            order by adresse.position
            limit 1
        ) as adresse,
        -- `lieux` is an object or an array of objects: lax mode reads both.
        -- The first contact with a phone, else the first with an e-mail.
        (
            select contact.value
            from jsonb_path_query(raw_structures.data, 'lax $.lieux.contacts[*]')
                with ordinality as contact (value, position)
            cross join lateral (
                select
                    coalesce(
                        {{ text('telephone1', 'contact.value') }},
                        {{ text('telephone2', 'contact.value') }}
                    ) is not null as has_phone,
                    {{ text('email', 'contact.value') }} is not null as has_email
            ) as reachable
            where reachable.has_phone or reachable.has_email
            order by reachable.has_phone desc, contact.position
            limit 1
        ) as contact
    from raw_structures
),

-- a structure listed twice keeps its first record
deduplicated as (
    select distinct on (typed.id) typed.*
    from typed
    where typed.id is not null
    order by typed.id, typed.record_number
),

-- HTML to Markdown (markdown_from_html, sql/functions/text/markdown_from_html.sql, says what is converted)
converted as (
    select
        deduplicated.record_number,
        markdown_from_html(deduplicated.description_html) as description
    from deduplicated
)

select
    {{ source_header('deduplicated') }},
    deduplicated.id,
    deduplicated.nom,
    deduplicated.acronyme,
    deduplicated.slug,
    deduplicated.type,
    deduplicated.url,
    nullif(converted.description, '') as description,
    deduplicated.est_coordination,
    deduplicated.url_coordination,
    {{ text('numero', 'deduplicated.adresse') }} as adresse_numero,
    {{ text('voie', 'deduplicated.adresse') }} as adresse_voie,
    {{ text('codePostal', 'deduplicated.adresse') }} as adresse_code_postal,
    {{ text('ville', 'deduplicated.adresse') }} as adresse_ville,
    {{ number('latitude', 'deduplicated.adresse') }} as adresse_latitude,
    {{ number('longitude', 'deduplicated.adresse') }} as adresse_longitude,
    {{ text('nom', 'deduplicated.contact') }} as contact_nom,
    {{ text('prenom', 'deduplicated.contact') }} as contact_prenom,
    {{ text('email', 'deduplicated.contact') }} as contact_email,
    {{ text('telephone1', 'deduplicated.contact') }} as contact_telephone1,
    {{ text('telephone2', 'deduplicated.contact') }} as contact_telephone2
from deduplicated
inner join converted
    on converted.record_number = deduplicated.record_number

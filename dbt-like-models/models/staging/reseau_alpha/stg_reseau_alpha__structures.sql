-- Réseau Alpha structures (one raw record per element of the `structures`
-- array of cartographie.json), typed and cleaned, with the one address and the
-- one contact that sources/reseau-alpha.md §4 keeps: the first address with a
-- street, the first contact with a phone (else the first with an e-mail).
-- Their formations are in stg_reseau_alpha__formations.
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('reseau-alpha', 'structures') }} as raw_records
),

typed as (
    select
        raw_structures.run_id as run_id,
        raw_structures.record_number as record_number,
        -- ids come as strings or numbers: both read as text
        nullif(btrim(raw_structures.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_structures.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_structures.data ->> 'acronyme', E' \t\r\n'), '') as acronyme,
        nullif(btrim(raw_structures.data ->> 'slug', E' \t\r\n'), '') as slug,
        nullif(btrim(raw_structures.data ->> 'type', E' \t\r\n'), '') as type,
        nullif(btrim(raw_structures.data ->> 'url', E' \t\r\n'), '') as url,
        nullif(btrim(raw_structures.data ->> 'description', E' \t\r\n'), '') as description_html,
        case jsonb_typeof(raw_structures.data -> 'estCoordination')
            when 'boolean' then (raw_structures.data ->> 'estCoordination')::boolean
        end as est_coordination,
        nullif(btrim(raw_structures.data ->> 'urlCoordination', E' \t\r\n'), '') as url_coordination,
        -- the first address that has a street
        (
            select adresse.value
            from jsonb_path_query(raw_structures.data, 'lax $.adresses[*]')
                with ordinality as adresse (value, position)
            where nullif(btrim(adresse.value ->> 'voie', E' \t\r\n'), '') is not null
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
                        nullif(btrim(contact.value ->> 'telephone1', E' \t\r\n'), ''),
                        nullif(btrim(contact.value ->> 'telephone2', E' \t\r\n'), '')
                    ) is not null as has_phone,
                    nullif(btrim(contact.value ->> 'email', E' \t\r\n'), '') is not null as has_email
            ) as reachable
            where reachable.has_phone or reachable.has_email
            order by reachable.has_phone desc, contact.position
            limit 1
        ) as contact
    from raw_structures as raw_structures
),

-- a structure listed twice keeps its first record
deduplicated as (
    select distinct on (typed.id) typed.*
    from typed as typed
    where typed.id is not null
    order by typed.id, typed.record_number
),

-- HTML to Markdown (markdown_from_html, sql/migrations/0006, says what is converted)
converted as (
    select
        deduplicated.record_number as record_number,
        markdown_from_html(deduplicated.description_html) as description
    from deduplicated as deduplicated
),

final as (
    select
        deduplicated.run_id as run_id,
        deduplicated.record_number as record_number,
        deduplicated.id as id,
        deduplicated.nom as nom,
        deduplicated.acronyme as acronyme,
        deduplicated.slug as slug,
        deduplicated.type as type,
        deduplicated.url as url,
        nullif(converted.description, '') as description,
        deduplicated.est_coordination as est_coordination,
        deduplicated.url_coordination as url_coordination,
        nullif(btrim(deduplicated.adresse ->> 'numero', E' \t\r\n'), '') as adresse_numero,
        nullif(btrim(deduplicated.adresse ->> 'voie', E' \t\r\n'), '') as adresse_voie,
        nullif(btrim(deduplicated.adresse ->> 'codePostal', E' \t\r\n'), '') as adresse_code_postal,
        nullif(btrim(deduplicated.adresse ->> 'ville', E' \t\r\n'), '') as adresse_ville,
        jsonb_path_query_first(deduplicated.adresse, '$.latitude.double()', '{}', true)::double precision as adresse_latitude,
        jsonb_path_query_first(deduplicated.adresse, '$.longitude.double()', '{}', true)::double precision as adresse_longitude,
        nullif(btrim(deduplicated.contact ->> 'nom', E' \t\r\n'), '') as contact_nom,
        nullif(btrim(deduplicated.contact ->> 'prenom', E' \t\r\n'), '') as contact_prenom,
        nullif(btrim(deduplicated.contact ->> 'email', E' \t\r\n'), '') as contact_email,
        nullif(btrim(deduplicated.contact ->> 'telephone1', E' \t\r\n'), '') as contact_telephone1,
        nullif(btrim(deduplicated.contact ->> 'telephone2', E' \t\r\n'), '') as contact_telephone2
    from deduplicated as deduplicated
    inner join converted as converted
        on converted.record_number = deduplicated.record_number
)

select * from final

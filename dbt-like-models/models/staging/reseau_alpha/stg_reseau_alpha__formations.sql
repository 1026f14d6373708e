-- Réseau Alpha formations (the `formations` array of each structure),
-- typed and cleaned, minus the formations already finished: a formation whose
-- dateFin is today or earlier is dropped (sources/reseau-alpha.md §4; the
-- date is the database's current_date at build time). One row = one service.
-- Specific publics and weekly slots are in the __publics and __horaires models.
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('reseau-alpha', 'structures') }} as raw_records
),

structures as (
    select * from {{ ref('stg_reseau_alpha__structures') }}
),

raw_formations as (
    select
        raw_structures.run_id as run_id,
        raw_structures.record_number as record_number,
        structures.id as structure_id,
        formation.position::integer as position,
        formation.value as data
    from raw_structures as raw_structures
    -- only the structures kept by staging (first record of a repeated id)
    inner join structures as structures
        on structures.run_id = raw_structures.run_id
        and structures.record_number = raw_structures.record_number
    cross join lateral jsonb_path_query(raw_structures.data, 'lax $.formations[*]')
        with ordinality as formation (value, position)
    where jsonb_typeof(formation.value) = 'object'
),

typed as (
    select
        raw_formations.run_id as run_id,
        raw_formations.record_number as record_number,
        raw_formations.position as position,
        raw_formations.structure_id as structure_id,
        nullif(btrim(raw_formations.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_formations.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_formations.data ->> 'slug', E' \t\r\n'), '') as slug,
        nullif(btrim(raw_formations.data ->> 'url', E' \t\r\n'), '') as url,
        nullif(btrim(raw_formations.data ->> 'activite', E' \t\r\n'), '') as activite,
        nullif(btrim(raw_formations.data ->> 'presentationPublique', E' \t\r\n'), '') as presentation_html,
        nullif(btrim(raw_formations.data ->> 'cout', E' \t\r\n'), '') as cout,
        (
            jsonb_path_query_first(
                to_jsonb(left(btrim(raw_formations.data ->> 'dateDebut'), 10)),
                '$.datetime("YYYY-MM-DD")', '{}', true
            ) #>> '{}'
        )::date as date_debut,
        (
            jsonb_path_query_first(
                to_jsonb(left(btrim(raw_formations.data ->> 'dateFin'), 10)),
                '$.datetime("YYYY-MM-DD")', '{}', true
            ) #>> '{}'
        )::date as date_fin,
        -- the first course place that has a street
        (
            select adresse.value
            from jsonb_path_query(raw_formations.data, 'lax $.adresses[*]')
                with ordinality as adresse (value, position)
            where nullif(btrim(adresse.value ->> 'voie', E' \t\r\n'), '') is not null
            order by adresse.position
            limit 1
        ) as adresse,
        -- the first postal code of the course places, street or not (the
        -- département of the service)
        (
            select nullif(btrim(adresse.value ->> 'codePostal', E' \t\r\n'), '')
            from jsonb_path_query(raw_formations.data, 'lax $.adresses[*]')
                with ordinality as adresse (value, position)
            where nullif(btrim(adresse.value ->> 'codePostal', E' \t\r\n'), '') is not null
            order by adresse.position
            limit 1
        ) as premier_code_postal,
        raw_formations.data -> 'contact' as contact,
        case jsonb_typeof(raw_formations.data -> 'placeDisponible')
            when 'boolean' then (raw_formations.data ->> 'placeDisponible')::boolean
        end as place_disponible,
        case jsonb_typeof(raw_formations.data -> 'gardeEnfants')
            when 'boolean' then (raw_formations.data ->> 'gardeEnfants')::boolean
        end as garde_enfants,
        case jsonb_typeof(raw_formations.data -> 'coursEte')
            when 'boolean' then (raw_formations.data ->> 'coursEte')::boolean
        end as cours_ete,
        nullif(btrim(raw_formations.data ->> 'criteresSavoirBase', E' \t\r\n'), '') as criteres_savoir_base,
        (
            select array_agg(btrim(item.value #>> '{}', E' \t\r\n') order by item.position)
            from jsonb_path_query(raw_formations.data, 'lax $.criteresScolarisation[*]')
                with ordinality as item (value, position)
            where btrim(item.value #>> '{}', E' \t\r\n') <> ''
        ) as criteres_scolarisation,
        (
            select array_agg(btrim(item.value #>> '{}', E' \t\r\n') order by item.position)
            from jsonb_path_query(raw_formations.data, 'lax $.competencesLinguistiquesVisees[*]')
                with ordinality as item (value, position)
            where btrim(item.value #>> '{}', E' \t\r\n') <> ''
        ) as competences_linguistiques_visees,
        -- "objective [details]", as Réseau Alpha writes them on its pages
        (
            select array_agg(
                objectif.label || coalesce(' [' || objectif.details || ']', '')
                order by objectif.position
            )
            from (
                select
                    nullif(btrim(item.value ->> 'objectifVise', E' \t\r\n'), '') as label,
                    nullif(btrim(item.value ->> 'objectifViseDescription', E' \t\r\n'), '') as details,
                    item.position as position
                from jsonb_path_query(raw_formations.data, 'lax $.objectifsVises[*]')
                    with ordinality as item (value, position)
            ) as objectif
            where objectif.label is not null
        ) as objectifs_vises
    from raw_formations as raw_formations
),

-- a formation listed twice keeps its first occurrence
deduplicated as (
    select distinct on (typed.id) typed.*
    from typed as typed
    where typed.id is not null
    order by typed.id, typed.record_number, typed.position
),

-- §4: a finished formation is not a service any more
current_formations as (
    select deduplicated.*
    from deduplicated as deduplicated
    where deduplicated.date_fin is null
        or deduplicated.date_fin > current_date
),

-- HTML to Markdown (markdown_from_html, sql/migrations/0006, says what is converted)
converted as (
    select
        current_formations.id as id,
        markdown_from_html(current_formations.presentation_html) as presentation
    from current_formations as current_formations
),

final as (
    select
        current_formations.run_id as run_id,
        current_formations.record_number as record_number,
        current_formations.position as position,
        current_formations.structure_id as structure_id,
        current_formations.id as id,
        current_formations.nom as nom,
        current_formations.slug as slug,
        current_formations.url as url,
        current_formations.activite as activite,
        nullif(converted.presentation, '') as presentation,
        current_formations.cout as cout,
        current_formations.date_debut as date_debut,
        current_formations.date_fin as date_fin,
        nullif(btrim(current_formations.adresse ->> 'numero', E' \t\r\n'), '') as adresse_numero,
        nullif(btrim(current_formations.adresse ->> 'voie', E' \t\r\n'), '') as adresse_voie,
        nullif(btrim(current_formations.adresse ->> 'codePostal', E' \t\r\n'), '') as adresse_code_postal,
        nullif(btrim(current_formations.adresse ->> 'ville', E' \t\r\n'), '') as adresse_ville,
        jsonb_path_query_first(current_formations.adresse, '$.latitude.double()', '{}', true)::double precision as adresse_latitude,
        jsonb_path_query_first(current_formations.adresse, '$.longitude.double()', '{}', true)::double precision as adresse_longitude,
        current_formations.premier_code_postal as premier_code_postal,
        nullif(btrim(current_formations.contact ->> 'nom', E' \t\r\n'), '') as contact_nom,
        nullif(btrim(current_formations.contact ->> 'prenom', E' \t\r\n'), '') as contact_prenom,
        nullif(btrim(current_formations.contact ->> 'email', E' \t\r\n'), '') as contact_email,
        nullif(btrim(current_formations.contact ->> 'telephone1', E' \t\r\n'), '') as contact_telephone1,
        nullif(btrim(current_formations.contact ->> 'telephone2', E' \t\r\n'), '') as contact_telephone2,
        current_formations.place_disponible as place_disponible,
        current_formations.garde_enfants as garde_enfants,
        current_formations.cours_ete as cours_ete,
        current_formations.criteres_savoir_base as criteres_savoir_base,
        current_formations.criteres_scolarisation as criteres_scolarisation,
        current_formations.competences_linguistiques_visees as competences_linguistiques_visees,
        current_formations.objectifs_vises as objectifs_vises
    from current_formations as current_formations
    inner join converted as converted
        on converted.id = current_formations.id
)

select * from final

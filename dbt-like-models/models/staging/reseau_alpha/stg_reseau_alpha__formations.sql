-- Réseau Alpha formations (the `formations` array of each structure),
-- typed and cleaned, minus the formations already finished: a formation whose
-- dateFin is today or earlier is dropped (sources/reseau-alpha.md §4; the
-- date is the database's current_date at build time). One row = one service.
-- Specific publics and weekly slots are in the __publics and __horaires models.
with

raw_structures as (
    select {{ source_header() }}, data
    from {{ source('reseau-alpha', 'structures') }}
),

raw_formations as (
    select
        {{ source_header('raw_structures') }},
        structures.id as structure_id,
        formation.position::integer as position,
        formation.value as data
    from raw_structures
    -- only the structures kept by staging (first record of a repeated id)
    inner join {{ ref('stg_reseau_alpha__structures') }} as structures
        on structures.run_id = raw_structures.run_id
        and structures.record_number = raw_structures.record_number
    cross join lateral jsonb_path_query(raw_structures.data, 'lax $.formations[*]')
        with ordinality as formation (value, position)
    where jsonb_typeof(formation.value) = 'object'
),

typed as (
    select
        {{ source_header('raw_formations') }},
        raw_formations.position,
        raw_formations.structure_id,
        {{ text('id', 'raw_formations.data') }} as id,
        {{ text('nom', 'raw_formations.data') }} as nom,
        {{ text('slug', 'raw_formations.data') }} as slug,
        {{ text('url', 'raw_formations.data') }} as url,
        {{ text('activite', 'raw_formations.data') }} as activite,
        {{ text('presentationPublique', 'raw_formations.data') }} as presentation_html,
        {{ text('cout', 'raw_formations.data') }} as cout,
        {{ parse_date('left(btrim(raw_formations.data ->> ''dateDebut''), 10)', 'YYYY-MM-DD') }} as date_debut,
        {{ parse_date('left(btrim(raw_formations.data ->> ''dateFin''), 10)', 'YYYY-MM-DD') }} as date_fin,
        -- the first course place that has a street
        (
            select adresse.value
            from jsonb_path_query(raw_formations.data, 'lax $.adresses[*]')
                with ordinality as adresse (value, position)
            where {{ text('voie', 'adresse.value') }} is not null
            order by adresse.position
            limit 1
        ) as adresse,
        -- the first postal code of the course places, street or not (the
        -- département of the service)
        (
            select {{ text('codePostal', 'adresse.value') }}
            from jsonb_path_query(raw_formations.data, 'lax $.adresses[*]')
                with ordinality as adresse (value, position)
            where {{ text('codePostal', 'adresse.value') }} is not null
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
        {{ text('criteresSavoirBase', 'raw_formations.data') }} as criteres_savoir_base,
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
                    {{ text('objectifVise', 'item.value') }} as label,
                    {{ text('objectifViseDescription', 'item.value') }} as details,
                    item.position
                from jsonb_path_query(raw_formations.data, 'lax $.objectifsVises[*]')
                    with ordinality as item (value, position)
            ) as objectif
            where objectif.label is not null
        ) as objectifs_vises
    from raw_formations
),

-- a formation listed twice keeps its first occurrence
deduplicated as (
    select distinct on (typed.id) typed.*
    from typed
    where typed.id is not null
    order by typed.id, typed.record_number, typed.position
),

-- §4: a finished formation is not a service any more
current_formations as (
    select deduplicated.*
    from deduplicated
    where deduplicated.date_fin is null
        or deduplicated.date_fin > current_date
),

-- HTML to Markdown (markdown_from_html, sql/functions/text/markdown_from_html.sql, says what is converted)
converted as (
    select
        current_formations.id,
        markdown_from_html(current_formations.presentation_html) as presentation
    from current_formations
)

select
    {{ source_header('current_formations') }},
    current_formations.position,
    current_formations.structure_id,
    current_formations.id,
    current_formations.nom,
    current_formations.slug,
    current_formations.url,
    current_formations.activite,
    nullif(converted.presentation, '') as presentation,
    current_formations.cout,
    current_formations.date_debut,
    current_formations.date_fin,
    {{ text('numero', 'current_formations.adresse') }} as adresse_numero,
    {{ text('voie', 'current_formations.adresse') }} as adresse_voie,
    {{ text('codePostal', 'current_formations.adresse') }} as adresse_code_postal,
    {{ text('ville', 'current_formations.adresse') }} as adresse_ville,
    {{ number('latitude', 'current_formations.adresse') }} as adresse_latitude,
    {{ number('longitude', 'current_formations.adresse') }} as adresse_longitude,
    current_formations.premier_code_postal,
    {{ text('nom', 'current_formations.contact') }} as contact_nom,
    {{ text('prenom', 'current_formations.contact') }} as contact_prenom,
    {{ text('email', 'current_formations.contact') }} as contact_email,
    {{ text('telephone1', 'current_formations.contact') }} as contact_telephone1,
    {{ text('telephone2', 'current_formations.contact') }} as contact_telephone2,
    current_formations.place_disponible,
    current_formations.garde_enfants,
    current_formations.cours_ete,
    current_formations.criteres_savoir_base,
    current_formations.criteres_scolarisation,
    current_formations.competences_linguistiques_visees,
    current_formations.objectifs_vises
from current_formations
inner join converted
    on converted.id = current_formations.id

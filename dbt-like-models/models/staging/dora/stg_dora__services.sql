-- DORA services, one row per distinct object of services.json, typed and
-- cleaned but still in DORA's own (v0-named) data model. Services whose
-- structure is absent are kept here and dropped in int_dora__services_v1.
with

raw_services as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('dora', 'services') }} as raw_records
),

typed as materialized (
    select
        raw_services.run_id as run_id,
        raw_services.record_number as record_number,
        nullif(btrim(raw_services.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_services.data ->> 'structure_id', E' \t\r\n'), '') as structure_id,
        nullif(btrim(raw_services.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_services.data ->> 'presentation_resume', E' \t\r\n'), '') as presentation_resume,
        nullif(btrim(raw_services.data ->> 'presentation_detail', E' \t\r\n'), '') as presentation_detail,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'thematiques')
                    when 'array' then raw_services.data -> 'thematiques'
                    when 'string' then jsonb_build_array(raw_services.data -> 'thematiques')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as thematiques,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'publics')
                    when 'array' then raw_services.data -> 'publics'
                    when 'string' then jsonb_build_array(raw_services.data -> 'publics')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'types')
                    when 'array' then raw_services.data -> 'types'
                    when 'string' then jsonb_build_array(raw_services.data -> 'types')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as types,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'modes_accueil')
                    when 'array' then raw_services.data -> 'modes_accueil'
                    when 'string' then jsonb_build_array(raw_services.data -> 'modes_accueil')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modes_accueil,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'profils')
                    when 'array' then raw_services.data -> 'profils'
                    when 'string' then jsonb_build_array(raw_services.data -> 'profils')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as profils,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'pre_requis')
                    when 'array' then raw_services.data -> 'pre_requis'
                    when 'string' then jsonb_build_array(raw_services.data -> 'pre_requis')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as pre_requis,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'justificatifs')
                    when 'array' then raw_services.data -> 'justificatifs'
                    when 'string' then jsonb_build_array(raw_services.data -> 'justificatifs')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as justificatifs,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'modes_orientation_beneficiaire')
                    when 'array' then raw_services.data -> 'modes_orientation_beneficiaire'
                    when 'string' then jsonb_build_array(raw_services.data -> 'modes_orientation_beneficiaire')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modes_orientation_beneficiaire,
        nullif(btrim(raw_services.data ->> 'modes_orientation_beneficiaire_autres', E' \t\r\n'), '') as modes_orientation_beneficiaire_autres,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data -> 'modes_orientation_accompagnateur')
                    when 'array' then raw_services.data -> 'modes_orientation_accompagnateur'
                    when 'string' then jsonb_build_array(raw_services.data -> 'modes_orientation_accompagnateur')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modes_orientation_accompagnateur,
        nullif(btrim(raw_services.data ->> 'modes_orientation_accompagnateur_autres', E' \t\r\n'), '') as modes_orientation_accompagnateur_autres,
        nullif(btrim(raw_services.data ->> 'frais', E' \t\r\n'), '') as frais,
        nullif(btrim(raw_services.data ->> 'frais_autres', E' \t\r\n'), '') as frais_autres,
        nullif(btrim(raw_services.data ->> 'prise_rdv', E' \t\r\n'), '') as prise_rdv,
        nullif(btrim(raw_services.data ->> 'formulaire_en_ligne', E' \t\r\n'), '') as formulaire_en_ligne,
        nullif(btrim(raw_services.data ->> 'contact_nom_prenom', E' \t\r\n'), '') as contact_nom_prenom,
        nullif(btrim(raw_services.data ->> 'courriel', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_services.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        -- true/false as JSON booleans or as strings; anything else is unknown
        case
            when lower(btrim(raw_services.data ->> 'contact_public')) in ('true', 'false')
                then lower(btrim(raw_services.data ->> 'contact_public'))::boolean
        end as contact_public,
        nullif(btrim(raw_services.data ->> 'zone_diffusion_type', E' \t\r\n'), '') as zone_diffusion_type,
        nullif(btrim(raw_services.data ->> 'zone_diffusion_code', E' \t\r\n'), '') as zone_diffusion_code,
        nullif(btrim(raw_services.data ->> 'zone_diffusion_nom', E' \t\r\n'), '') as zone_diffusion_nom,
        -- DORA sends these as numbers or as numeric strings ("4", "1.5");
        -- .double() in silent mode reads both and yields NULL for anything else
        jsonb_path_query_first(raw_services.data, '$.temps_passe_semaines.double()', '{}', true)::double precision as temps_passe_semaines,
        jsonb_path_query_first(raw_services.data, '$.temps_passe_duree_hebdomadaire.double()', '{}', true)::double precision as temps_passe_duree_hebdomadaire,
        nullif(btrim(raw_services.data ->> 'recurrence', E' \t\r\n'), '') as recurrence,
        nullif(btrim(raw_services.data ->> 'publics_precisions', E' \t\r\n'), '') as publics_precisions,
        nullif(btrim(raw_services.data ->> 'lien_source', E' \t\r\n'), '') as lien_source,
        -- the date as written by the producer (its local date), whatever the
        -- session time zone; an impossible date (2024-02-30) becomes NULL
        case
            when btrim(raw_services.data ->> 'date_maj') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_services.data ->> 'date_maj'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as date_maj,
        nullif(btrim(raw_services.data ->> 'source', E' \t\r\n'), '') as source,
        nullif(btrim(raw_services.data ->> 'adresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_services.data ->> 'complement_adresse', E' \t\r\n'), '') as complement_adresse,
        nullif(btrim(raw_services.data ->> 'code_postal', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_services.data ->> 'code_insee', E' \t\r\n'), '') as code_insee,
        nullif(btrim(raw_services.data ->> 'commune', E' \t\r\n'), '') as commune,
        jsonb_path_query_first(raw_services.data, '$.latitude.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_services.data, '$.longitude.double()', '{}', true)::double precision as longitude
    from raw_services as raw_services
),

-- The DORA API is known to return the same service object twice. Rows that
-- are identical once staged (lineage columns aside) collapse to the first one.
-- Two rows with one id but different content both survive on purpose: the
-- uniqueness tests must then fail loudly rather than hide a real conflict.
ranked as (
    select
        typed.*,
        row_number() over (
            partition by to_jsonb(typed) - array['run_id', 'record_number']
            order by typed.run_id, typed.record_number
        ) as copy_number
    from typed as typed
),

final as (
    select
        ranked.run_id as run_id,
        ranked.record_number as record_number,
        ranked.id as id,
        ranked.structure_id as structure_id,
        -- a trailing run of dots is an ellipsis typed with full stops; a single
        -- final dot is dropped (v1 warns on it) unless it closes "etc."
        case
            when ranked.nom ~ '\.{2,}$' then regexp_replace(ranked.nom, '\.{2,}$', '…')
            when ranked.nom ~ '\.$' and ranked.nom !~* 'etc\.$'
                then nullif(rtrim(left(ranked.nom, -1), E' \t\r\n'), '')
            else ranked.nom
        end as nom,
        ranked.presentation_resume as presentation_resume,
        ranked.presentation_detail as presentation_detail,
        ranked.thematiques as thematiques,
        ranked.publics as publics,
        ranked.types as types,
        ranked.modes_accueil as modes_accueil,
        ranked.profils as profils,
        ranked.pre_requis as pre_requis,
        ranked.justificatifs as justificatifs,
        ranked.modes_orientation_beneficiaire as modes_orientation_beneficiaire,
        ranked.modes_orientation_beneficiaire_autres as modes_orientation_beneficiaire_autres,
        ranked.modes_orientation_accompagnateur as modes_orientation_accompagnateur,
        ranked.modes_orientation_accompagnateur_autres as modes_orientation_accompagnateur_autres,
        ranked.frais as frais,
        ranked.frais_autres as frais_autres,
        ranked.prise_rdv as prise_rdv,
        ranked.formulaire_en_ligne as formulaire_en_ligne,
        ranked.contact_nom_prenom as contact_nom_prenom,
        ranked.courriel as courriel,
        ranked.telephone as telephone,
        ranked.contact_public as contact_public,
        ranked.zone_diffusion_type as zone_diffusion_type,
        ranked.zone_diffusion_code as zone_diffusion_code,
        ranked.zone_diffusion_nom as zone_diffusion_nom,
        ranked.temps_passe_semaines as temps_passe_semaines,
        ranked.temps_passe_duree_hebdomadaire as temps_passe_duree_hebdomadaire,
        ranked.recurrence as recurrence,
        ranked.publics_precisions as publics_precisions,
        ranked.lien_source as lien_source,
        ranked.date_maj as date_maj,
        ranked.source as source,
        ranked.adresse as adresse,
        ranked.complement_adresse as complement_adresse,
        ranked.code_postal as code_postal,
        ranked.code_insee as code_insee,
        ranked.commune as commune,
        ranked.latitude as latitude,
        ranked.longitude as longitude
    from ranked as ranked
    where ranked.copy_number = 1
)

select * from final

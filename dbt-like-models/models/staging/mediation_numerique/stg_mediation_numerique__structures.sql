-- Places of the Cartographie nationale des lieux de médiation numérique, one
-- row per object of structures.json, typed and cleaned, minus the places that
-- other sources already publish. Mediators are in stg_mediation_numerique__mediateurs.
with

raw_places as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('mediation-numerique', 'structures') }} as raw_records
),

typed as (
    select
        raw_places.run_id as run_id,
        raw_places.record_number as record_number,
        -- place ids are often prefixed or UUIDs; kept exactly as sent
        raw_places.data ->> 'id' as id,
        nullif(btrim(raw_places.data ->> 'nom', E' \t\r\n'), '') as nom,
        -- SIRET or RNA of the place; the SIRET rule is applied in intermediate
        nullif(btrim(raw_places.data ->> 'pivot', E' \t\r\n'), '') as pivot,
        -- upstream reads an array, ANCT's published view builds one string
        -- joined with |: both shapes become one array of trimmed addresses
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'courriels')
                    when 'array' then raw_places.data -> 'courriels'
                    when 'string' then to_jsonb(string_to_array(raw_places.data ->> 'courriels', '|'))
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as courriels,
        nullif(btrim(raw_places.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        -- the national standard allows several URLs joined with |; kept as sent
        nullif(btrim(raw_places.data ->> 'site_web', E' \t\r\n'), '') as site_web,
        nullif(btrim(raw_places.data ->> 'horaires', E' \t\r\n'), '') as horaires,
        nullif(btrim(raw_places.data ->> 'presentation_resume', E' \t\r\n'), '') as presentation_resume,
        nullif(btrim(raw_places.data ->> 'presentation_detail', E' \t\r\n'), '') as presentation_detail,
        -- a date-time without offset, or an empty string; the date is taken as
        -- written and an impossible date becomes NULL
        case
            when btrim(raw_places.data ->> 'date_maj') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_places.data ->> 'date_maj'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as date_maj,
        -- empty strings occur; .double() in silent mode turns them into NULL
        jsonb_path_query_first(raw_places.data, '$.latitude.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_places.data, '$.longitude.double()', '{}', true)::double precision as longitude,
        nullif(btrim(raw_places.data #>> '{adresse,numero_voie}', E' \t\r\n'), '') as adresse_numero_voie,
        nullif(btrim(raw_places.data #>> '{adresse,repetition}', E' \t\r\n'), '') as adresse_repetition,
        nullif(btrim(raw_places.data #>> '{adresse,nom_voie}', E' \t\r\n'), '') as adresse_nom_voie,
        nullif(btrim(raw_places.data #>> '{adresse,code_postal}', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_places.data #>> '{adresse,code_insee}', E' \t\r\n'), '') as code_insee,
        nullif(btrim(raw_places.data #>> '{adresse,commune}', E' \t\r\n'), '') as commune,
        nullif(btrim(raw_places.data ->> 'prise_rdv', E' \t\r\n'), '') as prise_rdv,
        nullif(btrim(raw_places.data ->> 'source', E' \t\r\n'), '') as source,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'services')
                    when 'array' then raw_places.data -> 'services'
                    when 'string' then jsonb_build_array(raw_places.data -> 'services')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as services,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'frais_a_charge')
                    when 'array' then raw_places.data -> 'frais_a_charge'
                    when 'string' then jsonb_build_array(raw_places.data -> 'frais_a_charge')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as frais_a_charge,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'modalites_acces')
                    when 'array' then raw_places.data -> 'modalites_acces'
                    when 'string' then jsonb_build_array(raw_places.data -> 'modalites_acces')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modalites_acces,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'modalites_accompagnement')
                    when 'array' then raw_places.data -> 'modalites_accompagnement'
                    when 'string' then jsonb_build_array(raw_places.data -> 'modalites_accompagnement')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modalites_accompagnement,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'publics_specifiquement_adresses')
                    when 'array' then raw_places.data -> 'publics_specifiquement_adresses'
                    when 'string' then jsonb_build_array(raw_places.data -> 'publics_specifiquement_adresses')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_specifiquement_adresses,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'prise_en_charge_specifique')
                    when 'array' then raw_places.data -> 'prise_en_charge_specifique'
                    when 'string' then jsonb_build_array(raw_places.data -> 'prise_en_charge_specifique')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as prise_en_charge_specifique,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_places.data -> 'dispositif_programmes_nationaux')
                    when 'array' then raw_places.data -> 'dispositif_programmes_nationaux'
                    when 'string' then jsonb_build_array(raw_places.data -> 'dispositif_programmes_nationaux')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as dispositif_programmes_nationaux
    from raw_places as raw_places
),

final as (
    select typed.*
    from typed as typed
    -- Places declared through DORA, Fredo or Soliguide are loaded from those
    -- sources directly; keeping them here would publish each place twice.
    -- A place whose `source` is NULL has no such twin, so it is KEPT: upstream
    -- drops it only as a side effect of `source not in (...)` being NULL for a
    -- NULL source, not as a rule (sources/mediation-numerique.md §4).
    -- The comparison ignores case so that "Dora" or "DORA" are excluded too.
    where typed.source is null
        or lower(typed.source) not in ('dora', 'fredo', 'soliguide')
)

select * from final

-- Soliguide services: one row per item of a kept place's `services_all`
-- array, typed and cleaned, still in Soliguide's own data model. Services of
-- places dropped by stg_soliguide__lieux are not here; services whose
-- category maps to no v1 thematique are still here and are dropped in
-- int_soliguide__services_v1.
with

raw_lieux as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('soliguide', 'lieux') }} as raw_records
),

-- only the places kept by the places staging (same filters there)
kept_lieux as (
    select
        raw_lieux.run_id as run_id,
        raw_lieux.record_number as record_number,
        raw_lieux.data as data,
        lieux.lieu_id as lieu_id,
        lieux.updated_at_text as lieu_updated_at_text
    from raw_lieux as raw_lieux
    inner join {{ ref('stg_soliguide__lieux') }} as lieux
        on lieux.run_id = raw_lieux.run_id
        and lieux.record_number = raw_lieux.record_number
),

raw_services as (
    select
        kept_lieux.run_id as run_id,
        kept_lieux.record_number as record_number,
        kept_lieux.lieu_id as lieu_id,
        kept_lieux.lieu_updated_at_text as lieu_updated_at_text,
        service.position::integer as position,
        service.value as data
    from kept_lieux as kept_lieux
    cross join lateral jsonb_array_elements(
        case
            when jsonb_typeof(kept_lieux.data -> 'services_all') = 'array'
                then kept_lieux.data -> 'services_all'
            else '[]'::jsonb
        end
    ) with ordinality as service (value, position)
    where jsonb_typeof(service.value) = 'object'
),

typed as (
    select
        raw_services.run_id as run_id,
        raw_services.record_number as record_number,
        raw_services.position as position,
        raw_services.lieu_id as lieu_id,
        raw_services.lieu_updated_at_text as lieu_updated_at_text,
        nullif(btrim(raw_services.data ->> 'serviceObjectId', E' \t\r\n'), '') as service_id,
        nullif(btrim(raw_services.data ->> 'category', E' \t\r\n'), '') as category,
        nullif(btrim(raw_services.data ->> 'description', E' \t\r\n'), '') as description,
        case
            when jsonb_typeof(raw_services.data -> 'hours') = 'object'
                then raw_services.data -> 'hours'
        end as hours,
        case
            when lower(btrim(raw_services.data ->> 'differentHours')) in ('true', 'false')
                then lower(btrim(raw_services.data ->> 'differentHours'))::boolean
        end as different_hours,
        case
            when lower(btrim(raw_services.data #>> '{close,actif}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{close,actif}'))::boolean
        end as close_actif,
        -- closure dates as written (UTC), whatever the session time zone
        case
            when btrim(raw_services.data #>> '{close,dateDebut}') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_services.data #>> '{close,dateDebut}'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as close_date_debut,
        case
            when btrim(raw_services.data #>> '{close,dateFin}') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_services.data #>> '{close,dateFin}'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as close_date_fin,
        -- upstream compares lower-cased (low, moderate, high)
        nullif(lower(btrim(raw_services.data #>> '{saturated,status}', E' \t\r\n')), '') as saturated_status,
        case
            when lower(btrim(raw_services.data ->> 'differentModalities')) in ('true', 'false')
                then lower(btrim(raw_services.data ->> 'differentModalities'))::boolean
        end as different_modalities,
        case
            when lower(btrim(raw_services.data #>> '{modalities,inconditionnel}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,inconditionnel}'))::boolean
        end as modalities_inconditionnel,
        case
            when lower(btrim(raw_services.data #>> '{modalities,appointment,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,appointment,checked}'))::boolean
        end as modalities_appointment_checked,
        nullif(btrim(raw_services.data #>> '{modalities,appointment,precisions}', E' \t\r\n'), '') as modalities_appointment_precisions,
        case
            when lower(btrim(raw_services.data #>> '{modalities,inscription,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,inscription,checked}'))::boolean
        end as modalities_inscription_checked,
        nullif(btrim(raw_services.data #>> '{modalities,inscription,precisions}', E' \t\r\n'), '') as modalities_inscription_precisions,
        case
            when lower(btrim(raw_services.data #>> '{modalities,orientation,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,orientation,checked}'))::boolean
        end as modalities_orientation_checked,
        nullif(btrim(raw_services.data #>> '{modalities,orientation,precisions}', E' \t\r\n'), '') as modalities_orientation_precisions,
        case
            when lower(btrim(raw_services.data #>> '{modalities,price,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,price,checked}'))::boolean
        end as modalities_price_checked,
        nullif(btrim(raw_services.data #>> '{modalities,price,precisions}', E' \t\r\n'), '') as modalities_price_precisions,
        nullif(btrim(raw_services.data #>> '{modalities,other}', E' \t\r\n'), '') as modalities_other,
        case
            when lower(btrim(raw_services.data ->> 'differentPublics')) in ('true', 'false')
                then lower(btrim(raw_services.data ->> 'differentPublics'))::boolean
        end as different_publics,
        jsonb_path_query_first(raw_services.data, '$.publics.accueil.double()', '{}', true)::double precision as publics_accueil,
        -- 0 and 99 are Soliguide's "no bound"
        nullif(jsonb_path_query_first(raw_services.data, '$.publics.age.min.double()', '{}', true)::double precision, 0) as publics_age_min,
        nullif(jsonb_path_query_first(raw_services.data, '$.publics.age.max.double()', '{}', true)::double precision, 99) as publics_age_max,
        nullif(btrim(raw_services.data #>> '{publics,description}', E' \t\r\n'), '') as publics_description,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data #> '{publics,administrative}')
                    when 'array' then raw_services.data #> '{publics,administrative}'
                    when 'string' then jsonb_build_array(raw_services.data #> '{publics,administrative}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_administrative,
        -- Soliguide spells the family key `familialle`; both spellings are read
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(coalesce(raw_services.data #> '{publics,familialle}', raw_services.data #> '{publics,familiale}'))
                    when 'array' then coalesce(raw_services.data #> '{publics,familialle}', raw_services.data #> '{publics,familiale}')
                    when 'string' then jsonb_build_array(coalesce(raw_services.data #> '{publics,familialle}', raw_services.data #> '{publics,familiale}'))
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_familiale,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data #> '{publics,gender}')
                    when 'array' then raw_services.data #> '{publics,gender}'
                    when 'string' then jsonb_build_array(raw_services.data #> '{publics,gender}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_gender,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(raw_services.data #> '{publics,other}')
                    when 'array' then raw_services.data #> '{publics,other}'
                    when 'string' then jsonb_build_array(raw_services.data #> '{publics,other}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_other
    from raw_services as raw_services
),

-- §4.4: services without an id (seen since May 2026) cannot be published.
-- A service id still present in two kept places (a same-date duplicate pair
-- of §4.3, or a place listing it twice) is kept once, in the most recently
-- updated place, so that the v1 service id stays unique.
ranked as (
    select
        typed.*,
        row_number() over (
            partition by typed.service_id
            order by typed.lieu_updated_at_text desc nulls last, typed.run_id, typed.record_number, typed.position
        ) as copy_number
    from typed as typed
    where typed.service_id is not null
),

final as (
    select
        ranked.run_id as run_id,
        ranked.record_number as record_number,
        ranked.position as position,
        ranked.lieu_id as lieu_id,
        ranked.service_id as service_id,
        ranked.category as category,
        ranked.description as description,
        ranked.hours as hours,
        ranked.different_hours as different_hours,
        ranked.close_actif as close_actif,
        ranked.close_date_debut as close_date_debut,
        ranked.close_date_fin as close_date_fin,
        ranked.saturated_status as saturated_status,
        ranked.different_modalities as different_modalities,
        ranked.modalities_inconditionnel as modalities_inconditionnel,
        ranked.modalities_appointment_checked as modalities_appointment_checked,
        ranked.modalities_appointment_precisions as modalities_appointment_precisions,
        ranked.modalities_inscription_checked as modalities_inscription_checked,
        ranked.modalities_inscription_precisions as modalities_inscription_precisions,
        ranked.modalities_orientation_checked as modalities_orientation_checked,
        ranked.modalities_orientation_precisions as modalities_orientation_precisions,
        ranked.modalities_price_checked as modalities_price_checked,
        ranked.modalities_price_precisions as modalities_price_precisions,
        ranked.modalities_other as modalities_other,
        ranked.different_publics as different_publics,
        ranked.publics_accueil as publics_accueil,
        ranked.publics_age_min as publics_age_min,
        ranked.publics_age_max as publics_age_max,
        ranked.publics_description as publics_description,
        ranked.publics_administrative as publics_administrative,
        ranked.publics_familiale as publics_familiale,
        ranked.publics_gender as publics_gender,
        ranked.publics_other as publics_other
    from ranked as ranked
    where ranked.copy_number = 1
)

select * from final

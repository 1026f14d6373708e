-- Soliguide places (lieux.json), one row per kept place, typed and cleaned but
-- still in Soliguide's own data model. The services nested in `services_all`
-- are in stg_soliguide__services, the phones in stg_soliguide__phones. Text
-- fields that hold HTML are kept as sent here; int_soliguide__markdown
-- converts them, int_soliguide__opening_hours converts the hours objects.
with

-- A place object is large (several kB, stored compressed) and about sixty
-- fields are read from it below: `|| '{}'` makes one decompressed copy per
-- place, kept by the materialized CTE, instead of one per field read (five
-- times faster on 23,000 places). Every raw record is an object (the loader
-- rejects the rest), so the concatenation leaves it unchanged.
raw_lieux as materialized (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data || '{}'::jsonb as data
    from {{ source('soliguide', 'lieux') }} as raw_records
),

-- The API returns the same place twice when a page limit is smaller than the
-- number of places: identical objects collapse to their first occurrence.
-- Two different objects with one lieu_id both survive on purpose, so that the
-- uniqueness tests fail loudly instead of hiding a real conflict.
distinct_lieux as (
    select
        raw_lieux.run_id as run_id,
        raw_lieux.record_number as record_number,
        raw_lieux.data as data,
        -- the id first: whole objects are compared only when ids are equal
        row_number() over (
            partition by raw_lieux.data ->> 'lieu_id', raw_lieux.data
            order by raw_lieux.run_id, raw_lieux.record_number
        ) as copy_number
    from raw_lieux as raw_lieux
),

typed as (
    select
        distinct_lieux.run_id as run_id,
        distinct_lieux.record_number as record_number,
        nullif(btrim(distinct_lieux.data ->> 'lieu_id', E' \t\r\n'), '') as lieu_id,
        nullif(btrim(distinct_lieux.data ->> 'name', E' \t\r\n'), '') as name,
        nullif(btrim(distinct_lieux.data ->> 'description', E' \t\r\n'), '') as description,
        nullif(btrim(distinct_lieux.data ->> 'seo_url', E' \t\r\n'), '') as seo_url,
        nullif(btrim(distinct_lieux.data ->> 'updatedAt', E' \t\r\n'), '') as updated_at_text,
        -- Corrupted timestamps exist: only a value in Soliguide's usual shape
        -- (2024-06-11T15:27:13.409Z) is trusted. The date is the one written
        -- (UTC), whatever the session time zone; an impossible date is NULL.
        case
            when btrim(distinct_lieux.data ->> 'updatedAt') ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(distinct_lieux.data ->> 'updatedAt'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as updated_at,
        -- GeoJSON point: longitude first
        jsonb_path_query_first(distinct_lieux.data, '$.position.location.coordinates[0].double()', '{}', true)::double precision as longitude,
        jsonb_path_query_first(distinct_lieux.data, '$.position.location.coordinates[1].double()', '{}', true)::double precision as latitude,
        nullif(btrim(distinct_lieux.data #>> '{position,address}', E' \t\r\n'), '') as position_address,
        nullif(btrim(distinct_lieux.data #>> '{position,additionalInformation}', E' \t\r\n'), '') as position_additional_information,
        nullif(btrim(distinct_lieux.data #>> '{position,city}', E' \t\r\n'), '') as position_city,
        nullif(btrim(distinct_lieux.data #>> '{position,postalCode}', E' \t\r\n'), '') as position_postal_code,
        nullif(btrim(distinct_lieux.data #>> '{position,cityCode}', E' \t\r\n'), '') as position_city_code,
        nullif(btrim(distinct_lieux.data #>> '{position,department}', E' \t\r\n'), '') as position_department,
        nullif(btrim(distinct_lieux.data #>> '{position,departmentCode}', E' \t\r\n'), '') as position_department_code,
        nullif(lower(btrim(distinct_lieux.data #>> '{position,country}', E' \t\r\n')), '') as position_country,
        nullif(btrim(distinct_lieux.data #>> '{entity,mail}', E' \t\r\n'), '') as entity_mail,
        nullif(btrim(distinct_lieux.data #>> '{entity,website}', E' \t\r\n'), '') as entity_website,
        -- publics: how the place receives people (0, 1: unconditional, 2: exclusive)
        jsonb_path_query_first(distinct_lieux.data, '$.publics.accueil.double()', '{}', true)::double precision as publics_accueil,
        -- 0 and 99 are Soliguide's "no bound"
        nullif(jsonb_path_query_first(distinct_lieux.data, '$.publics.age.min.double()', '{}', true)::double precision, 0) as publics_age_min,
        nullif(jsonb_path_query_first(distinct_lieux.data, '$.publics.age.max.double()', '{}', true)::double precision, 99) as publics_age_max,
        nullif(btrim(distinct_lieux.data #>> '{publics,description}', E' \t\r\n'), '') as publics_description,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(distinct_lieux.data #> '{publics,administrative}')
                    when 'array' then distinct_lieux.data #> '{publics,administrative}'
                    when 'string' then jsonb_build_array(distinct_lieux.data #> '{publics,administrative}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_administrative,
        -- Soliguide spells the family key `familialle`; upstream reads
        -- `familiale` and so never sees it. Both spellings are read here.
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(coalesce(distinct_lieux.data #> '{publics,familialle}', distinct_lieux.data #> '{publics,familiale}'))
                    when 'array' then coalesce(distinct_lieux.data #> '{publics,familialle}', distinct_lieux.data #> '{publics,familiale}')
                    when 'string' then jsonb_build_array(coalesce(distinct_lieux.data #> '{publics,familialle}', distinct_lieux.data #> '{publics,familiale}'))
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_familiale,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(distinct_lieux.data #> '{publics,gender}')
                    when 'array' then distinct_lieux.data #> '{publics,gender}'
                    when 'string' then jsonb_build_array(distinct_lieux.data #> '{publics,gender}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_gender,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(distinct_lieux.data #> '{publics,other}')
                    when 'array' then distinct_lieux.data #> '{publics,other}'
                    when 'string' then jsonb_build_array(distinct_lieux.data #> '{publics,other}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_other,
        -- true/false as JSON booleans or as strings; anything else is unknown
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,inconditionnel}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,inconditionnel}'))::boolean
        end as modalities_inconditionnel,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,appointment,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,appointment,checked}'))::boolean
        end as modalities_appointment_checked,
        nullif(btrim(distinct_lieux.data #>> '{modalities,appointment,precisions}', E' \t\r\n'), '') as modalities_appointment_precisions,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,inscription,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,inscription,checked}'))::boolean
        end as modalities_inscription_checked,
        nullif(btrim(distinct_lieux.data #>> '{modalities,inscription,precisions}', E' \t\r\n'), '') as modalities_inscription_precisions,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,orientation,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,orientation,checked}'))::boolean
        end as modalities_orientation_checked,
        nullif(btrim(distinct_lieux.data #>> '{modalities,orientation,precisions}', E' \t\r\n'), '') as modalities_orientation_precisions,
        nullif(btrim(distinct_lieux.data #>> '{modalities,price,precisions}', E' \t\r\n'), '') as modalities_price_precisions,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,pmr,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,pmr,checked}'))::boolean
        end as modalities_pmr_checked,
        nullif(btrim(distinct_lieux.data #>> '{modalities,other}', E' \t\r\n'), '') as modalities_other,
        case
            when lower(btrim(distinct_lieux.data #>> '{tempInfos,message,actif}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{tempInfos,message,actif}'))::boolean
        end as temp_infos_message_actif,
        nullif(btrim(distinct_lieux.data #>> '{tempInfos,message,name}', E' \t\r\n'), '') as temp_infos_message_name,
        case
            when lower(btrim(distinct_lieux.data #>> '{tempInfos,closure,actif}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{tempInfos,closure,actif}'))::boolean
        end as temp_infos_closure_actif,
        case
            when lower(btrim(distinct_lieux.data #>> '{tempInfos,hours,actif}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{tempInfos,hours,actif}'))::boolean
        end as temp_infos_hours_actif,
        -- hours objects stay JSON: int_soliguide__opening_hours converts them
        case
            when jsonb_typeof(distinct_lieux.data #> '{tempInfos,hours,hours}') = 'object'
                then distinct_lieux.data #> '{tempInfos,hours,hours}'
        end as temp_infos_hours_hours,
        case
            when jsonb_typeof(distinct_lieux.data -> 'newhours') = 'object'
                then distinct_lieux.data -> 'newhours'
        end as newhours,
        (
            select array_agg(btrim(item.value ->> 'name', E' \t\r\n') order by item.position)
            from jsonb_array_elements(
                case jsonb_typeof(distinct_lieux.data -> 'sources')
                    when 'array' then distinct_lieux.data -> 'sources'
                end
            ) with ordinality as item (value, position)
            where btrim(item.value ->> 'name', E' \t\r\n') <> ''
        ) as sources,
        -- the ids of the place's services, to spot Soliguide's duplicated places
        (
            select array_agg(distinct btrim(item.value ->> 'serviceObjectId', E' \t\r\n'))
            from jsonb_array_elements(
                case jsonb_typeof(distinct_lieux.data -> 'services_all')
                    when 'array' then distinct_lieux.data -> 'services_all'
                end
            ) as item (value)
            where btrim(item.value ->> 'serviceObjectId', E' \t\r\n') <> ''
        ) as service_ids
    from distinct_lieux as distinct_lieux
    where distinct_lieux.copy_number = 1
),

-- §4.1 and §4.2: places imported from DORA are published from DORA itself;
-- only French places are in scope. The source name is compared trimmed and
-- case-insensitively ("Dora" and "DORA" are the same source).
candidates as (
    select typed.*
    from typed as typed
    where typed.position_country = 'fr'
        and not exists (
            select 1
            from unnest(typed.sources) as source (name)
            where lower(source.name) = 'dora'
        )
),

-- §4.3: since mid-2025 Soliguide sometimes describes one place under two
-- lieu_ids that share service ids. Of every such pair the place updated on
-- an earlier date is dropped; same-date pairs (and places without a date)
-- are both kept, as nothing says which one is stale. The pairs are found
-- through the shared ids (an equality join, not a comparison of every two
-- places).
candidate_services as (
    select
        candidates.lieu_id as lieu_id,
        candidates.updated_at as updated_at,
        service.id as service_id
    from candidates as candidates
    cross join lateral unnest(candidates.service_ids) as service (id)
),

stale_lieux as (
    select distinct older.lieu_id as lieu_id
    from candidate_services as older
    inner join candidate_services as newer
        on newer.service_id = older.service_id
        and newer.lieu_id <> older.lieu_id
        and newer.updated_at > older.updated_at
),

final as (
    select
        candidates.run_id as run_id,
        candidates.record_number as record_number,
        candidates.lieu_id as lieu_id,
        -- a trailing run of dots is an ellipsis typed with full stops; a single
        -- final dot is dropped (v1 warns on it) unless it closes "etc."
        case
            when candidates.name ~ '\.{2,}$' then regexp_replace(candidates.name, '\.{2,}$', '…')
            when candidates.name ~ '\.$' and candidates.name !~* 'etc\.$'
                then nullif(rtrim(left(candidates.name, -1), E' \t\r\n'), '')
            else candidates.name
        end as name,
        candidates.description as description,
        candidates.seo_url as seo_url,
        candidates.updated_at_text as updated_at_text,
        candidates.updated_at as updated_at,
        candidates.longitude as longitude,
        candidates.latitude as latitude,
        candidates.position_address as position_address,
        candidates.position_additional_information as position_additional_information,
        candidates.position_city as position_city,
        candidates.position_postal_code as position_postal_code,
        candidates.position_city_code as position_city_code,
        candidates.position_department as position_department,
        candidates.position_department_code as position_department_code,
        candidates.position_country as position_country,
        candidates.entity_mail as entity_mail,
        candidates.entity_website as entity_website,
        candidates.publics_accueil as publics_accueil,
        candidates.publics_age_min as publics_age_min,
        candidates.publics_age_max as publics_age_max,
        candidates.publics_description as publics_description,
        candidates.publics_administrative as publics_administrative,
        candidates.publics_familiale as publics_familiale,
        candidates.publics_gender as publics_gender,
        candidates.publics_other as publics_other,
        candidates.modalities_inconditionnel as modalities_inconditionnel,
        candidates.modalities_appointment_checked as modalities_appointment_checked,
        candidates.modalities_appointment_precisions as modalities_appointment_precisions,
        candidates.modalities_inscription_checked as modalities_inscription_checked,
        candidates.modalities_inscription_precisions as modalities_inscription_precisions,
        candidates.modalities_orientation_checked as modalities_orientation_checked,
        candidates.modalities_orientation_precisions as modalities_orientation_precisions,
        candidates.modalities_price_precisions as modalities_price_precisions,
        candidates.modalities_pmr_checked as modalities_pmr_checked,
        candidates.modalities_other as modalities_other,
        candidates.temp_infos_message_actif as temp_infos_message_actif,
        candidates.temp_infos_message_name as temp_infos_message_name,
        candidates.temp_infos_closure_actif as temp_infos_closure_actif,
        candidates.temp_infos_hours_actif as temp_infos_hours_actif,
        candidates.temp_infos_hours_hours as temp_infos_hours_hours,
        candidates.newhours as newhours,
        candidates.sources as sources
    from candidates as candidates
    where not exists (
        select 1
        from stale_lieux as stale_lieux
        where stale_lieux.lieu_id = candidates.lieu_id
    )
)

select * from final

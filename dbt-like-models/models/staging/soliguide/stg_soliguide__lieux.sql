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
        {{ source_header('raw_records') }},
        raw_records.data || '{}'::jsonb as data
    from {{ source('soliguide', 'lieux') }} as raw_records
),

-- The API returns the same place twice when a page limit is smaller than the
-- number of places: identical objects collapse to their first occurrence.
-- Two different objects with one lieu_id both survive on purpose, so that the
-- uniqueness tests fail loudly instead of hiding a real conflict.
distinct_lieux as (
    select
        {{ source_header('raw_lieux') }},
        raw_lieux.data,
        -- the id first: whole objects are compared only when ids are equal
        row_number() over (
            partition by raw_lieux.data ->> 'lieu_id', raw_lieux.data
            order by raw_lieux.run_id, raw_lieux.record_number
        ) as copy_number
    from raw_lieux
),

typed as (
    select
        {{ source_header('distinct_lieux') }},
        {{ text('lieu_id', 'distinct_lieux.data') }} as lieu_id,
        {{ text('name', 'distinct_lieux.data') }} as name,
        {{ text('description', 'distinct_lieux.data') }} as description,
        {{ text('seo_url', 'distinct_lieux.data') }} as seo_url,
        {{ text('updatedAt', 'distinct_lieux.data') }} as updated_at_text,
        -- Corrupted timestamps exist: only a value in Soliguide's usual shape
        -- (2024-06-11T15:27:13.409Z) is trusted. The date is the one written
        -- (UTC), whatever the session time zone; an impossible date is NULL.
        case
            when btrim(distinct_lieux.data ->> 'updatedAt') ~ '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$'
                then {{ parse_date('left(btrim(distinct_lieux.data ->> ''updatedAt''), 10)', 'YYYY-MM-DD') }}
        end as updated_at,
        -- GeoJSON point: longitude first
        {{ number('position.location.coordinates[0]', 'distinct_lieux.data') }} as longitude,
        {{ number('position.location.coordinates[1]', 'distinct_lieux.data') }} as latitude,
        {{ text('{position,address}', 'distinct_lieux.data') }} as position_address,
        {{ text('{position,additionalInformation}', 'distinct_lieux.data') }} as position_additional_information,
        {{ text('{position,city}', 'distinct_lieux.data') }} as position_city,
        {{ text('{position,postalCode}', 'distinct_lieux.data') }} as position_postal_code,
        {{ text('{position,cityCode}', 'distinct_lieux.data') }} as position_city_code,
        {{ text('{position,department}', 'distinct_lieux.data') }} as position_department,
        {{ text('{position,departmentCode}', 'distinct_lieux.data') }} as position_department_code,
        nullif(lower(btrim(distinct_lieux.data #>> '{position,country}', E' \t\r\n')), '') as position_country,
        {{ text('{entity,mail}', 'distinct_lieux.data') }} as entity_mail,
        {{ text('{entity,website}', 'distinct_lieux.data') }} as entity_website,
        -- publics: how the place receives people (0, 1: unconditional, 2: exclusive)
        {{ number('publics.accueil', 'distinct_lieux.data') }} as publics_accueil,
        -- 0 and 99 are Soliguide's "no bound"
        nullif({{ number('publics.age.min', 'distinct_lieux.data') }}, 0) as publics_age_min,
        nullif({{ number('publics.age.max', 'distinct_lieux.data') }}, 99) as publics_age_max,
        {{ text('{publics,description}', 'distinct_lieux.data') }} as publics_description,
        {{ text_array('{publics,administrative}', 'distinct_lieux.data') }} as publics_administrative,
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
        {{ text_array('{publics,gender}', 'distinct_lieux.data') }} as publics_gender,
        {{ text_array('{publics,other}', 'distinct_lieux.data') }} as publics_other,
        -- true/false as JSON booleans or as strings; anything else is unknown
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,inconditionnel}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,inconditionnel}'))::boolean
        end as modalities_inconditionnel,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,appointment,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,appointment,checked}'))::boolean
        end as modalities_appointment_checked,
        {{ text('{modalities,appointment,precisions}', 'distinct_lieux.data') }} as modalities_appointment_precisions,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,inscription,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,inscription,checked}'))::boolean
        end as modalities_inscription_checked,
        {{ text('{modalities,inscription,precisions}', 'distinct_lieux.data') }} as modalities_inscription_precisions,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,orientation,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,orientation,checked}'))::boolean
        end as modalities_orientation_checked,
        {{ text('{modalities,orientation,precisions}', 'distinct_lieux.data') }} as modalities_orientation_precisions,
        {{ text('{modalities,price,precisions}', 'distinct_lieux.data') }} as modalities_price_precisions,
        case
            when lower(btrim(distinct_lieux.data #>> '{modalities,pmr,checked}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{modalities,pmr,checked}'))::boolean
        end as modalities_pmr_checked,
        {{ text('{modalities,other}', 'distinct_lieux.data') }} as modalities_other,
        case
            when lower(btrim(distinct_lieux.data #>> '{tempInfos,message,actif}')) in ('true', 'false')
                then lower(btrim(distinct_lieux.data #>> '{tempInfos,message,actif}'))::boolean
        end as temp_infos_message_actif,
        {{ text('{tempInfos,message,name}', 'distinct_lieux.data') }} as temp_infos_message_name,
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
    from distinct_lieux
    where distinct_lieux.copy_number = 1
),

-- §4.1 and §4.2: places imported from DORA are published from DORA itself;
-- only French places are in scope. The source name is compared trimmed and
-- case-insensitively ("Dora" and "DORA" are the same source).
candidates as (
    select typed.*
    from typed
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
        candidates.lieu_id,
        candidates.updated_at,
        service.id as service_id
    from candidates
    cross join lateral unnest(candidates.service_ids) as service (id)
),

stale_lieux as (
    select distinct older.lieu_id as lieu_id
    from candidate_services as older
    inner join candidate_services as newer
        on newer.service_id = older.service_id
        and newer.lieu_id <> older.lieu_id
        and newer.updated_at > older.updated_at
)

select
    {{ source_header('candidates') }},
    candidates.lieu_id,
    -- a trailing run of dots is an ellipsis typed with full stops; a single
    -- final dot is dropped (v1 warns on it) unless it closes "etc."
    case
        when candidates.name ~ '\.{2,}$' then regexp_replace(candidates.name, '\.{2,}$', '…')
        when candidates.name ~ '\.$' and candidates.name !~* 'etc\.$'
            then nullif(rtrim(left(candidates.name, -1), E' \t\r\n'), '')
        else candidates.name
    end as name,
    candidates.description,
    candidates.seo_url,
    candidates.updated_at_text,
    candidates.updated_at,
    candidates.longitude,
    candidates.latitude,
    candidates.position_address,
    candidates.position_additional_information,
    candidates.position_city,
    candidates.position_postal_code,
    candidates.position_city_code,
    candidates.position_department,
    candidates.position_department_code,
    candidates.position_country,
    candidates.entity_mail,
    candidates.entity_website,
    candidates.publics_accueil,
    candidates.publics_age_min,
    candidates.publics_age_max,
    candidates.publics_description,
    candidates.publics_administrative,
    candidates.publics_familiale,
    candidates.publics_gender,
    candidates.publics_other,
    candidates.modalities_inconditionnel,
    candidates.modalities_appointment_checked,
    candidates.modalities_appointment_precisions,
    candidates.modalities_inscription_checked,
    candidates.modalities_inscription_precisions,
    candidates.modalities_orientation_checked,
    candidates.modalities_orientation_precisions,
    candidates.modalities_price_precisions,
    candidates.modalities_pmr_checked,
    candidates.modalities_other,
    candidates.temp_infos_message_actif,
    candidates.temp_infos_message_name,
    candidates.temp_infos_closure_actif,
    candidates.temp_infos_hours_actif,
    candidates.temp_infos_hours_hours,
    candidates.newhours,
    candidates.sources
from candidates
where not exists (
    select 1
    from stale_lieux
    where stale_lieux.lieu_id = candidates.lieu_id
)

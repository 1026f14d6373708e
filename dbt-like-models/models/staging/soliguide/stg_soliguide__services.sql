-- Soliguide services: one row per item of a kept place's `services_all`
-- array, typed and cleaned, still in Soliguide's own data model. Services of
-- places dropped by stg_soliguide__lieux are not here; services whose
-- category maps to no v1 thematique are still here and are dropped in
-- int_soliguide__services_v1.
with

raw_lieux as (
    select {{ source_header() }}, data
    from {{ source('soliguide', 'lieux') }}
),

-- only the places kept by the places staging (same filters there)
kept_lieux as (
    select
        {{ source_header('raw_lieux') }},
        raw_lieux.data,
        lieux.lieu_id,
        lieux.updated_at_text as lieu_updated_at_text
    from raw_lieux
    inner join {{ ref('stg_soliguide__lieux') }} as lieux
        on lieux.run_id = raw_lieux.run_id
        and lieux.record_number = raw_lieux.record_number
),

raw_services as (
    select
        {{ source_header('kept_lieux') }},
        kept_lieux.lieu_id,
        kept_lieux.lieu_updated_at_text,
        service.position::integer as position,
        service.value as data
    from kept_lieux
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
        {{ source_header('raw_services') }},
        raw_services.position,
        raw_services.lieu_id,
        raw_services.lieu_updated_at_text,
        {{ text('serviceObjectId', 'raw_services.data') }} as service_id,
        {{ text('category', 'raw_services.data') }} as category,
        {{ text('description', 'raw_services.data') }} as description,
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
        {{ date('{close,dateDebut}', 'raw_services.data') }} as close_date_debut,
        {{ date('{close,dateFin}', 'raw_services.data') }} as close_date_fin,
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
        {{ text('{modalities,appointment,precisions}', 'raw_services.data') }} as modalities_appointment_precisions,
        case
            when lower(btrim(raw_services.data #>> '{modalities,inscription,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,inscription,checked}'))::boolean
        end as modalities_inscription_checked,
        {{ text('{modalities,inscription,precisions}', 'raw_services.data') }} as modalities_inscription_precisions,
        case
            when lower(btrim(raw_services.data #>> '{modalities,orientation,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,orientation,checked}'))::boolean
        end as modalities_orientation_checked,
        {{ text('{modalities,orientation,precisions}', 'raw_services.data') }} as modalities_orientation_precisions,
        case
            when lower(btrim(raw_services.data #>> '{modalities,price,checked}')) in ('true', 'false')
                then lower(btrim(raw_services.data #>> '{modalities,price,checked}'))::boolean
        end as modalities_price_checked,
        {{ text('{modalities,price,precisions}', 'raw_services.data') }} as modalities_price_precisions,
        {{ text('{modalities,other}', 'raw_services.data') }} as modalities_other,
        case
            when lower(btrim(raw_services.data ->> 'differentPublics')) in ('true', 'false')
                then lower(btrim(raw_services.data ->> 'differentPublics'))::boolean
        end as different_publics,
        {{ number('publics.accueil', 'raw_services.data') }} as publics_accueil,
        -- 0 and 99 are Soliguide's "no bound"
        nullif({{ number('publics.age.min', 'raw_services.data') }}, 0) as publics_age_min,
        nullif({{ number('publics.age.max', 'raw_services.data') }}, 99) as publics_age_max,
        {{ text('{publics,description}', 'raw_services.data') }} as publics_description,
        {{ text_array('{publics,administrative}', 'raw_services.data') }} as publics_administrative,
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
        {{ text_array('{publics,gender}', 'raw_services.data') }} as publics_gender,
        {{ text_array('{publics,other}', 'raw_services.data') }} as publics_other
    from raw_services
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
    from typed
    where typed.service_id is not null
)

select
    {{ source_header('ranked') }},
    ranked.position,
    ranked.lieu_id,
    ranked.service_id,
    ranked.category,
    ranked.description,
    ranked.hours,
    ranked.different_hours,
    ranked.close_actif,
    ranked.close_date_debut,
    ranked.close_date_fin,
    ranked.saturated_status,
    ranked.different_modalities,
    ranked.modalities_inconditionnel,
    ranked.modalities_appointment_checked,
    ranked.modalities_appointment_precisions,
    ranked.modalities_inscription_checked,
    ranked.modalities_inscription_precisions,
    ranked.modalities_orientation_checked,
    ranked.modalities_orientation_precisions,
    ranked.modalities_price_checked,
    ranked.modalities_price_precisions,
    ranked.modalities_other,
    ranked.different_publics,
    ranked.publics_accueil,
    ranked.publics_age_min,
    ranked.publics_age_max,
    ranked.publics_description,
    ranked.publics_administrative,
    ranked.publics_familiale,
    ranked.publics_gender,
    ranked.publics_other
from ranked
where ranked.copy_number = 1

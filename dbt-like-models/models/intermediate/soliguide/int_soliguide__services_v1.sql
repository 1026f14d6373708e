-- Soliguide services in the data·inclusion v1 model (sources/soliguide.md §5):
-- one service per staged service whose category maps to at least one v1
-- thematique (§4.5), attached to its place's structure.
with

-- not materialized: each use below filters on kind and field, and only the
-- table itself (analyzed) tells the planner how many rows that keeps; a
-- materialized CTE would hide it and lead to nested loops over all texts
markdown as not materialized (
    select * from {{ ref('int_soliguide__markdown') }}
),

-- not materialized, for the same reason as markdown
opening_hours as not materialized (
    select * from {{ ref('int_soliguide__opening_hours') }}
),

-- name and type of each category (repeated on each of its seed rows)
categories as (
    select distinct on (map_categories.raw)
        map_categories.raw as category,
        map_categories.label,
        map_categories.type
    from {{ ref('map_soliguide__categories') }} as map_categories
    order by map_categories.raw, map_categories.type nulls last
),

mapped_thematiques as (
    select distinct
        services.service_id,
        map_categories.v1 as thematique
    from {{ ref('stg_soliguide__services') }} as services
    inner join {{ ref('map_soliguide__categories') }} as map_categories
        on map_categories.raw = services.category
    where map_categories.v1 is not null
),

thematiques as (
    select
        mapped_thematiques.service_id,
        -- C collation: the same order on every server, whatever its locale
        array_agg(mapped_thematiques.thematique order by mapped_thematiques.thematique collate "C") as thematiques
    from mapped_thematiques
    group by mapped_thematiques.service_id
),

-- §4.5: a category without a thematique (parent categories, health
-- specialities, showers…) is out of scope
kept_services as (
    select
        services.*,
        thematiques.thematiques
    from {{ ref('stg_soliguide__services') }} as services
    inner join thematiques
        on thematiques.service_id = services.service_id
),

-- the publics and modalities that apply: the service's own when it says
-- they differ from the place's, else the place's
applicable as (
    select
        kept_services.service_id,
        case
            when kept_services.different_publics then kept_services.publics_accueil
            else lieux.publics_accueil
        end as publics_accueil,
        case
            when kept_services.different_publics then kept_services.publics_age_min
            else lieux.publics_age_min
        end as publics_age_min,
        case
            when kept_services.different_publics then kept_services.publics_age_max
            else lieux.publics_age_max
        end as publics_age_max,
        case
            when kept_services.different_publics then kept_services.publics_administrative
            else lieux.publics_administrative
        end as publics_administrative,
        case
            when kept_services.different_publics then kept_services.publics_familiale
            else lieux.publics_familiale
        end as publics_familiale,
        case
            when kept_services.different_publics then kept_services.publics_gender
            else lieux.publics_gender
        end as publics_gender,
        case
            when kept_services.different_publics then kept_services.publics_other
            else lieux.publics_other
        end as publics_other,
        case
            when kept_services.different_modalities then kept_services.modalities_inconditionnel
            else lieux.modalities_inconditionnel
        end as modalities_inconditionnel,
        case
            when kept_services.different_modalities then kept_services.modalities_orientation_checked
            else lieux.modalities_orientation_checked
        end as modalities_orientation_checked,
        case
            when kept_services.different_modalities then kept_services.modalities_appointment_precisions
            else lieux.modalities_appointment_precisions
        end as modalities_appointment_precisions,
        case
            when kept_services.different_modalities then kept_services.modalities_inscription_precisions
            else lieux.modalities_inscription_precisions
        end as modalities_inscription_precisions,
        case
            when kept_services.different_modalities then kept_services.modalities_orientation_precisions
            else lieux.modalities_orientation_precisions
        end as modalities_orientation_precisions
    from kept_services
    inner join {{ ref('stg_soliguide__lieux') }} as lieux
        on lieux.lieu_id = kept_services.lieu_id
),

-- Publics restrict access only when the place is exclusive (accueil = 2),
-- and then only through the dimensions that do not list all their values
-- (a dimension listing everything restricts nothing). The family dimension
-- is read from Soliguide's `familialle` key, which upstream misses.
public_values as (
    select
        applicable.service_id,
        dimension.name as dimension,
        dimension.values_
    from applicable
    cross join lateral (
        values
            ('administrative', applicable.publics_administrative),
            ('familiale', applicable.publics_familiale),
            ('gender', applicable.publics_gender),
            ('other', applicable.publics_other)
    ) as dimension (name, values_)
    where applicable.publics_accueil = 2
),

restrictive_values as (
    select
        public_values.service_id,
        item.value
    from public_values
    cross join lateral unnest(public_values.values_) as item (value)
    where exists (
        select 1
        from {{ ref('map_soliguide__publics') }} as map_publics
        where map_publics.dimension = public_values.dimension
            and not (map_publics.raw = any(public_values.values_))
    )
),

mapped_publics as (
    select distinct
        restrictive_values.service_id,
        map_publics.v1 as public
    from restrictive_values
    inner join {{ ref('map_soliguide__publics') }} as map_publics
        on map_publics.raw = restrictive_values.value
    where map_publics.v1 is not null
),

publics_by_service as (
    select
        mapped_publics.service_id,
        array_agg(mapped_publics.public order by mapped_publics.public collate "C") as publics
    from mapped_publics
    group by mapped_publics.service_id
)

select
    'soliguide' as source,
    'soliguide--' || kept_services.service_id as id,
    'soliguide--' || kept_services.lieu_id as structure_id,
    categories.label as nom,
    nullif(
        concat_ws(
            E'\n\n',
            service_description.markdown,
            case
                when kept_services.close_actif then
                    case
                        when kept_services.close_date_debut is not null and kept_services.close_date_fin is not null
                            then 'Ce service est fermé temporairement du '
                                || to_char(kept_services.close_date_debut, 'DD/MM/YYYY')
                                || ' au ' || to_char(kept_services.close_date_fin, 'DD/MM/YYYY') || '.'
                        when kept_services.close_date_debut is not null
                            then 'Ce service est fermé temporairement depuis le '
                                || to_char(kept_services.close_date_debut, 'DD/MM/YYYY') || '.'
                        -- not in the file: an end without a start still says it
                        when kept_services.close_date_fin is not null
                            then 'Ce service est fermé temporairement jusqu’au '
                                || to_char(kept_services.close_date_fin, 'DD/MM/YYYY') || '.'
                        else 'Ce service est fermé temporairement.'
                    end
            end,
            case
                when kept_services.saturated_status = 'high'
                    then 'Attention, la structure est très sollicitée pour ce service.'
            end,
            lieu_description.markdown
        ),
        ''
    ) as description,
    structures.lien_source,
    categories.type,
    kept_services.thematiques,
    case when kept_services.modalities_price_checked then 'payant' else 'gratuit' end as frais,
    coalesce(kept_services.modalities_price_precisions, lieux.modalities_price_precisions) as frais_precisions,
    case
        when applicable.publics_accueil = 2 and publics_by_service.publics is not null
            then publics_by_service.publics
        else array['tous-publics']
    end as publics,
    nullif(
        concat_ws(
            ' ',
            'L’âge minimum est de ' || applicable.publics_age_min || ' ans.',
            'L’âge maximum est de ' || applicable.publics_age_max || ' ans.',
            coalesce(kept_services.publics_description, lieux.publics_description)
        ),
        ''
    ) as publics_precisions,
    coalesce(service_conditions.markdown, lieu_conditions.markdown) as conditions_acces,
    -- the service is delivered at its place: the place's address
    structures.commune,
    structures.code_postal,
    structures.code_insee,
    structures.adresse,
    structures.complement_adresse,
    structures.longitude,
    structures.latitude,
    structures.telephone,
    structures.courriel,
    array['en-presentiel'] as modes_accueil,
    case
        when lieux.position_department_code is not null then array[lieux.position_department_code]
    end as zone_eligibilite,
    -- e-mail and phone always (as upstream); walking in when access is
    -- unconditional and needs no referral
    case
        when applicable.modalities_inconditionnel and not coalesce(applicable.modalities_orientation_checked, false)
            then array['envoyer-un-courriel', 'se-presenter', 'telephoner']
        else array['envoyer-un-courriel', 'telephoner']
    end as modes_mobilisation,
    case
        when applicable.modalities_orientation_checked then array['professionnels']
        else array['professionnels', 'usagers']
    end as mobilisable_par,
    nullif(
        concat_ws(
            E'\n\n',
            applicable.modalities_appointment_precisions,
            applicable.modalities_inscription_precisions,
            applicable.modalities_orientation_precisions
        ),
        ''
    ) as mobilisation_precisions,
    -- a closed place closes its services; then the service's own hours,
    -- the place's active temporary hours, its regular hours
    case
        when lieux.temp_infos_closure_actif then 'closed "fermeture temporaire"'
        when kept_services.different_hours and service_hours.opening_hours is not null
            then service_hours.opening_hours
        when lieux.temp_infos_hours_actif and temporary_hours.opening_hours is not null
            then temporary_hours.opening_hours
        else regular_hours.opening_hours
    end as horaires_accueil,
    structures.date_maj,
    -- the place's département: derived from the geocoded address when the
    -- place's position has none
    'departement' as _zone_eligibilite_type
from kept_services
inner join {{ ref('stg_soliguide__lieux') }} as lieux
    on lieux.lieu_id = kept_services.lieu_id
inner join {{ ref('int_soliguide__structures_v1') }} as structures
    on structures.id = 'soliguide--' || kept_services.lieu_id
inner join applicable
    on applicable.service_id = kept_services.service_id
left join categories
    on categories.category = kept_services.category
left join publics_by_service
    on publics_by_service.service_id = kept_services.service_id
left join markdown as service_description
    on service_description.kind = 'service'
    and service_description.field = 'description'
    and service_description.id = kept_services.service_id
left join markdown as lieu_description
    on lieu_description.kind = 'lieu'
    and lieu_description.field = 'description'
    and lieu_description.id = kept_services.lieu_id
left join markdown as service_conditions
    on service_conditions.kind = 'service'
    and service_conditions.field = 'modalities_other'
    and service_conditions.id = kept_services.service_id
left join markdown as lieu_conditions
    on lieu_conditions.kind = 'lieu'
    and lieu_conditions.field = 'modalities_other'
    and lieu_conditions.id = kept_services.lieu_id
left join opening_hours as service_hours
    on service_hours.kind = 'service'
    and service_hours.id = kept_services.service_id
left join opening_hours as temporary_hours
    on temporary_hours.kind = 'lieu_temporaire'
    and temporary_hours.id = kept_services.lieu_id
left join opening_hours as regular_hours
    on regular_hours.kind = 'lieu'
    and regular_hours.id = kept_services.lieu_id

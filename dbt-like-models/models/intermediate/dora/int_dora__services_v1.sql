-- DORA services in the data·inclusion v1 model (sources/dora.md §5).
with

-- DORA deletes "suggested" structures but keeps their services: a service
-- whose structure is not in the same dump would point to nothing
kept_services as (
    select services.*
    from {{ ref('stg_dora__services') }} as services
    where exists (
        select 1
        from {{ ref('stg_dora__structures') }} as structures
        where structures.id = services.structure_id
    )
),

-- v0 allowed several types, v1 exactly one: the first rule of the priority
-- list that matches any of the service's types wins
types as (
    select distinct on (kept_services.record_number)
        kept_services.record_number,
        map_types.v1 as type
    from kept_services
    cross join lateral unnest(kept_services.types) as raw_type (value)
    inner join {{ ref('map_dora__types') }} as map_types
        on map_types.raw = raw_type.value
    where map_types.v1 is not null
    order by kept_services.record_number, map_types.priority::integer
),

orientation_modes as (
    select
        kept_services.record_number,
        'modes_orientation_beneficiaire' as raw_array,
        mode.value as raw_mode
    from kept_services
    cross join lateral unnest(kept_services.modes_orientation_beneficiaire) as mode (value)
    -- "professionnel" says who orients, not how: it is not a beneficiary mode
    where mode.value <> 'professionnel'
    union all
    select
        kept_services.record_number,
        'modes_orientation_accompagnateur' as raw_array,
        mode.value as raw_mode
    from kept_services
    cross join lateral unnest(kept_services.modes_orientation_accompagnateur) as mode (value)
),

modes_mobilisation as (
    select
        orientation_modes.record_number,
        map_modes_orientation.v1 as mode_mobilisation
    from orientation_modes
    inner join {{ ref('map_dora__modes_orientation') }} as map_modes_orientation
        on map_modes_orientation.raw_array = orientation_modes.raw_array
        and map_modes_orientation.raw = orientation_modes.raw_mode
    where map_modes_orientation.v1 is not null
    union
    -- a booking link or an online form is itself a way to mobilise the service
    select
        kept_services.record_number,
        'utiliser-lien-mobilisation' as mode_mobilisation
    from kept_services
    where kept_services.prise_rdv is not null
        or kept_services.formulaire_en_ligne is not null
),

modes_mobilisation_by_service as (
    select
        modes_mobilisation.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(
            modes_mobilisation.mode_mobilisation
            order by modes_mobilisation.mode_mobilisation collate "C"
        ) as modes_mobilisation
    from modes_mobilisation
    group by modes_mobilisation.record_number
),

mobilisable_par as (
    select
        orientation_modes.record_number,
        array_agg(
            distinct case orientation_modes.raw_array
                when 'modes_orientation_beneficiaire' then 'usagers'
                else 'professionnels'
            end
        ) as mobilisable_par
    from orientation_modes
    group by orientation_modes.record_number
),

-- v1 has no region codes in zone_eligibilite: a region is listed as its
-- départements
region_departements as (
    select
        departements.code_region,
        array_agg(departements.code order by departements.code collate "C") as departements
    from {{ ref('ref_departements') }} as departements
    group by departements.code_region
)

select
    'dora' as source,
    'dora--' || kept_services.id as id,
    'dora--' || kept_services.structure_id as structure_id,
    kept_services.nom,
    -- the detailed presentation wins; DORA's own cut is at 10,000 chars
    -- (9,999 + …), one char earlier than the final layer's
    case
        when char_length(kept_services.presentation_detail) >= 10000
            then left(kept_services.presentation_detail, 9999) || '…'
        else coalesce(kept_services.presentation_detail, kept_services.presentation_resume)
    end as description,
    kept_services.lien_source,
    types.type,
    -- DORA already uses v1 values here; values outside v1 are kept so
    -- that validation reports them instead of hiding them
    {{ sorted_distinct('kept_services.thematiques') }} as thematiques,
    kept_services.frais,
    kept_services.frais_autres as frais_precisions,
    {{ sorted_distinct('kept_services.publics') }} as publics,
    kept_services.publics_precisions,
    -- prerequisites first, then supporting documents, one per line
    nullif(
        concat_ws(
            E'\n',
            (
                select string_agg(item.value, E'\n' order by item.value collate "C")
                from unnest(kept_services.pre_requis) as item (value)
            ),
            (
                select string_agg(item.value, E'\n' order by item.value collate "C")
                from unnest(kept_services.justificatifs) as item (value)
            )
        ),
        ''
    ) as conditions_acces,
    {{ kept_address('kept_services', 'address.is_kept') }},
    kept_services.telephone,
    kept_services.courriel,
    kept_services.contact_nom_prenom,
    {{ sorted_distinct('kept_services.modes_accueil') }} as modes_accueil,
    case kept_services.zone_diffusion_type
        when 'region' then region_departements.departements
        when 'pays' then array['france']
        else case
            when kept_services.zone_diffusion_code is not null
                then array[kept_services.zone_diffusion_code]
        end
    end as zone_eligibilite,
    coalesce(kept_services.prise_rdv, kept_services.formulaire_en_ligne) as lien_mobilisation,
    modes_mobilisation_by_service.modes_mobilisation,
    (
        select array_agg(personne.value order by personne.value collate "C")
        from unnest(mobilisable_par.mobilisable_par) as personne (value)
    ) as mobilisable_par,
    -- upstream joins both free texts with `||`, so one missing text
    -- erases the other (dora.md §5); concat_ws keeps whichever is given
    nullif(
        btrim(
            concat_ws(
                ' ',
                kept_services.modes_orientation_beneficiaire_autres,
                kept_services.modes_orientation_accompagnateur_autres
            )
        ),
        ''
    ) as mobilisation_precisions,
    kept_services.temps_passe_duree_hebdomadaire as volume_horaire_hebdomadaire,
    -- weeks come as a float; out-of-range values cannot be an integer
    case
        when kept_services.temps_passe_semaines between -2147483648 and 2147483647
            then kept_services.temps_passe_semaines::integer
    end as nombre_semaines,
    -- DORA's `recurrence` is free text, not opening hours: not converted
    null::text as horaires_accueil,
    kept_services.date_maj,
    kept_services.contact_public as _is_contact_public,
    -- DORA's kind of zone: when its code is missing, the final layer derives
    -- it from the geocoded address
    case
        when kept_services.zone_diffusion_type in ('commune', 'epci', 'departement', 'region', 'pays')
            then kept_services.zone_diffusion_type
    end as _zone_eligibilite_type
from kept_services
cross join lateral (
    select
        (kept_services.adresse is not null or kept_services.complement_adresse is not null)
        and (
            kept_services.commune is not null
            or kept_services.code_insee is not null
            or kept_services.code_postal is not null
        ) as is_kept
) as address
left join types
    on types.record_number = kept_services.record_number
left join modes_mobilisation_by_service
    on modes_mobilisation_by_service.record_number = kept_services.record_number
left join mobilisable_par
    on mobilisable_par.record_number = kept_services.record_number
left join region_departements
    on kept_services.zone_diffusion_type = 'region'
    and region_departements.code_region = kept_services.zone_diffusion_code

-- Ma Boussole Aidants services in the data·inclusion v1 model
-- (sources/ma-boussole-aidants.md §5): one service per (structure, solution
-- code), at the structure's address. Name, description, type and thematiques
-- come from the solution code; an unknown code still gives a service, without
-- them (listed by int__unknown_values).
with

thematiques as (
    select
        map_thematiques.raw as code,
        -- sorted with the C collation where the service reads it
        array_agg(distinct map_thematiques.v1) as thematiques
    from {{ ref('map_ma_boussole_aidants__thematiques') }} as map_thematiques
    where map_thematiques.v1 is not null
    group by map_thematiques.raw
),

structure_publics as (
    select distinct
        structures.id as structure_id,
        map_situations.v1 as public
    from {{ ref('stg_ma_boussole_aidants__structures') }} as structures
    cross join lateral unnest(structures.situations) as situation (code)
    inner join {{ ref('map_ma_boussole_aidants__situations') }} as map_situations
        on map_situations.raw = situation.code
    where map_situations.v1 is not null
),

publics as (
    select
        structure_publics.structure_id,
        array_agg(structure_publics.public order by structure_publics.public collate "C") as publics
    from structure_publics
    group by structure_publics.structure_id
),

-- the action radius gives a kind of zone, resolved from the structure's
-- commune: communal → its EPCI (the commune itself when it has none),
-- départemental → its département, local → every département of its région,
-- anything else (or none) → the whole country
zones as (
    select
        structures.id as structure_id,
        case coalesce(map_rayons_action.v1, 'pays')
            when 'epci' then
                case
                    when structure_communes.code_epci is not null then array[structure_communes.code_epci]
                    when structure_communes.code_insee is not null then array[structure_communes.code_insee]
                end
            when 'departement' then
                case
                    when coalesce(structure_communes.code_departement, structures.code_departement) is not null
                        then array[coalesce(structure_communes.code_departement, structures.code_departement)]
                end
            when 'region' then (
                select array_agg(departements.code order by departements.code collate "C")
                from {{ ref('ref_departements') }} as departements
                where departements.code_region = coalesce(
                    structure_communes.code_region,
                    (
                        select own_departement.code_region
                        from {{ ref('ref_departements') }} as own_departement
                        where own_departement.code = structures.code_departement
                    )
                )
            )
            else array['france']
        end as zone_eligibilite,
        coalesce(map_rayons_action.v1, 'pays') as zone_type
    from {{ ref('stg_ma_boussole_aidants__structures') }} as structures
    left join {{ ref('int_ma_boussole_aidants__communes') }} as structure_communes
        on structure_communes.structure_id = structures.id
    left join {{ ref('map_ma_boussole_aidants__rayons_action') }} as map_rayons_action
        on map_rayons_action.raw = structures.rayon_action
)

select
    'ma-boussole-aidants' as source,
    'ma-boussole-aidants--' || structures.id || '--' || structure_solutions.solution_code as id,
    'ma-boussole-aidants--' || structures.id as structure_id,
    map_solutions.nom,
    map_solutions.description,
    structures_v1.lien_source,
    map_solutions.type,
    (
        select array_agg(item.value order by item.value collate "C")
        from unnest(thematiques.thematiques) as item (value)
    ) as thematiques,
    -- the public services listed here (CCAS, MDA, MDS) are free
    'gratuit' as frais,
    publics.publics,
    nullif(
        concat_ws(
            ' ',
            'Âge minimum : ' || structures.age_min,
            'Âge maximum : ' || structures.age_max
        ),
        ''
    ) as publics_precisions,
    structures_v1.commune,
    structures_v1.code_postal,
    structures_v1.code_insee,
    structures_v1.adresse,
    structures_v1.complement_adresse,
    structures_v1.longitude,
    structures_v1.latitude,
    structures.telephone,
    structures.courriel,
    (
        select array_agg(item.value order by item.value collate "C")
        from unnest(structure_solutions.modes_accueil) as item (value)
    ) as modes_accueil,
    zones.zone_eligibilite,
    -- sorted with the C collation, as every list of the v1 layer
    {{ contact_modes('structures.courriel', 'structures.telephone') }} as modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    structures.date_maj,
    -- the action radius's kind of zone: derived from the geocoded address
    -- when the structure's commune is not in the referential
    zones.zone_type as _zone_eligibilite_type
from {{ ref('stg_ma_boussole_aidants__structures__services') }} as structure_solutions
inner join {{ ref('stg_ma_boussole_aidants__structures') }} as structures
    on structures.id = structure_solutions.structure_id
inner join {{ ref('int_ma_boussole_aidants__structures_v1') }} as structures_v1
    on structures_v1.id = 'ma-boussole-aidants--' || structures.id
left join {{ ref('map_ma_boussole_aidants__solutions') }} as map_solutions
    on map_solutions.raw = structure_solutions.solution_code
left join thematiques
    on thematiques.code = structure_solutions.solution_code
left join publics
    on publics.structure_id = structures.id
left join zones
    on zones.structure_id = structures.id

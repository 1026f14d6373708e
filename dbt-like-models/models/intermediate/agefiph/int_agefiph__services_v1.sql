-- AGEFIPH services in the data·inclusion v1 model (sources/agefiph.md §5):
-- the national solutions are offered by every regional office, so each kept
-- solution becomes one service per kept office (offices × solutions).
with

mapped_thematiques as (
    select distinct
        solutions.id as solution_id,
        map_thematiques.v1 as thematique
    from {{ ref('stg_agefiph__services') }} as solutions
    cross join lateral unnest(solutions.thematique_ids) as thematique (id)
    inner join {{ ref('map_agefiph__thematiques') }} as map_thematiques
        on map_thematiques.raw = thematique.id
    where map_thematiques.v1 is not null
),

thematiques as (
    select
        mapped_thematiques.solution_id,
        -- C collation: the same order on every server, whatever its locale
        array_agg(mapped_thematiques.thematique order by mapped_thematiques.thematique collate "C") as thematiques
    from mapped_thematiques
    group by mapped_thematiques.solution_id
),

-- The offices serve their whole région: its départements, found from the
-- département of the office's INSEE code (3 characters overseas, else 2).
office_zones as (
    select
        structures.id as structure_id,
        array_agg(region_departements.code order by region_departements.code collate "C") as departements
    from {{ ref('int_agefiph__structures_v1') }} as structures
    inner join {{ ref('ref_departements') }} as office_departement
        on office_departement.code = case
            when structures.code_insee like '97%' then left(structures.code_insee, 3)
            else left(structures.code_insee, 2)
        end
    inner join {{ ref('ref_departements') }} as region_departements
        on region_departements.code_region = office_departement.code_region
    group by structures.id
)

select
    'agefiph' as source,
    structures.id || '-' || solutions.id as id,
    structures.id as structure_id,
    solutions.title as nom,
    -- the amount is its own paragraph: after a list, a single line break
    -- (upstream's separator) would glue it to the last item
    nullif(
        concat_ws(
            E'\n\n',
            solutions.detail,
            'Aide d’un montant de : ' || lower(solutions.montant_aide)
        ),
        ''
    ) as description,
    'https://www.agefiph.fr' || solutions.path_alias as lien_source,
    map_types.v1 as type,
    thematiques.thematiques,
    'gratuit' as frais,
    -- a solution without a target profile is for everyone; a profile
    -- with an empty v1 cell (health actors, advisers…) gives no public
    case
        when solutions.profil_associe_id is null then array['tous-publics']
        when map_profils.v1 is not null then array[map_profils.v1]
    end as publics,
    -- the office's address
    structures.commune,
    structures.code_postal,
    structures.code_insee,
    structures.adresse,
    structures.complement_adresse,
    structures.longitude,
    structures.latitude,
    -- the office is the contact only when the solution has no link to apply
    case when solutions.lien_aide is null then structures.telephone end as telephone,
    case when solutions.lien_aide is null then structures.courriel end as courriel,
    array['a-distance'] as modes_accueil,
    office_zones.departements as zone_eligibilite,
    solutions.lien_aide as lien_mobilisation,
    case
        when solutions.lien_aide is not null then array['utiliser-lien-mobilisation']
        else {{ contact_modes('structures.courriel', 'structures.telephone') }}
    end as modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    solutions.changed as date_maj,
    -- the office's région: derived from the geocoded address when the
    -- office's INSEE code gives none
    'region' as _zone_eligibilite_type
from {{ ref('int_agefiph__structures_v1') }} as structures
cross join {{ ref('stg_agefiph__services') }} as solutions
left join thematiques
    on thematiques.solution_id = solutions.id
left join {{ ref('map_agefiph__profils') }} as map_profils
    on map_profils.raw = solutions.profil_associe_id
left join {{ ref('map_agefiph__types_de_solution') }} as map_types
    on map_types.raw = solutions.type_de_solution_id
left join office_zones
    on office_zones.structure_id = structures.id

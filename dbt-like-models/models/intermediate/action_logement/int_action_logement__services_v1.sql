-- The Action Logement catalogue offered in every office
-- (sources/action-logement.md §5): one v1 service per (office, catalogue
-- row), the catalogue's v1 fields copied, the place, the hours and the
-- fallback zone taken from the office.
with

-- the office as published (address kept or not)
-- No INSEE code in this source: the département of an office is that of the
-- first commune (by INSEE code) carrying its postal code, as upstream does.
-- Municipal arrondissements carry the postal codes of Paris, Lyon and
-- Marseille, so they are looked up too.
office_departements as (
    select distinct on (offices.record_number)
        offices.record_number,
        commune_postal_codes.code_departement
    from {{ ref('stg_action_logement__structures') }} as offices
    inner join (
        select
            communes.code_insee,
            communes.code_departement,
            postal_code.value as code_postal
        from {{ ref('ref_communes') }} as communes
        cross join lateral string_to_table(communes.codes_postaux, '|') as postal_code (value)
        where communes.type in ('COM', 'ARM')
    ) as commune_postal_codes
        on commune_postal_codes.code_postal = offices.code_postal
    order by offices.record_number, commune_postal_codes.code_insee collate "C"
)

select
    'action-logement' as source,
    'action-logement--' || offices.id || '-' || catalogue.id as id,
    structures.id as structure_id,
    catalogue.nom,
    catalogue.description,
    catalogue.lien_source,
    catalogue.type,
    -- v1 values typed by the editors: values outside v1 are kept so that
    -- validation reports them (and int_action_logement__unknown_values)
    {{ sorted_distinct('catalogue.thematiques') }} as thematiques,
    catalogue.frais,
    catalogue.frais_precisions,
    {{ sorted_distinct('catalogue.publics') }} as publics,
    catalogue.publics_precisions,
    catalogue.conditions_acces,
    -- the service is delivered at the office
    structures.commune,
    structures.code_postal,
    structures.code_insee,
    structures.adresse,
    structures.complement_adresse,
    structures.longitude,
    structures.latitude,
    catalogue.telephone,
    catalogue.courriel,
    catalogue.contact_nom_prenom,
    {{ sorted_distinct('catalogue.modes_accueil') }} as modes_accueil,
    -- the row's zone, else the office's département
    coalesce(
        catalogue.zone_eligibilite,
        case
            when office_departements.code_departement is not null
                then array[office_departements.code_departement]
        end
    ) as zone_eligibilite,
    catalogue.lien_mobilisation,
    {{ sorted_distinct('catalogue.modes_mobilisation') }} as modes_mobilisation,
    {{ sorted_distinct('catalogue.mobilisable_par') }} as mobilisable_par,
    catalogue.mobilisation_precisions,
    catalogue.volume_horaire_hebdomadaire,
    catalogue.nombre_semaines,
    -- the office's hours win over the catalogue row's (upstream rule)
    offices.horaires_accueil,
    catalogue.date_maj,
    -- an empty catalogue zone is the office's département: derived from the
    -- geocoded address when the postal code finds no commune
    case when catalogue.zone_eligibilite is null then 'departement' end as _zone_eligibilite_type
from {{ ref('stg_action_logement__services') }} as catalogue
-- every catalogue service is offered in every office
cross join {{ ref('stg_action_logement__structures') }} as offices
inner join {{ ref('int_action_logement__structures_v1') }} as structures
    on structures.id = 'action-logement--' || offices.id
left join office_departements
    on office_departements.record_number = offices.record_number

-- Published services: every source's services in the data·inclusion v1
-- model, valid or not. `_is_valid` tells which ones conform to v1; the
-- reasons are in validation_errors.
with

invalid_services as (
    select distinct
        validation_errors.source,
        validation_errors.id
    from {{ ref('int__validation_errors') }} as validation_errors
    where validation_errors.entity = 'service'
),

final as (
    select
        services.source::text as source,
        services.id::text as id,
        services.structure_id::text as structure_id,
        services.nom::text as nom,
        services.description::text as description,
        services.lien_source::text as lien_source,
        services.type::text as type,
        services.thematiques::text[] as thematiques,
        services.frais::text as frais,
        services.frais_precisions::text as frais_precisions,
        services.publics::text[] as publics,
        services.publics_precisions::text as publics_precisions,
        services.conditions_acces::text as conditions_acces,
        services.commune::text as commune,
        services.code_postal::text as code_postal,
        services.code_insee::text as code_insee,
        services.adresse::text as adresse,
        services.complement_adresse::text as complement_adresse,
        services.longitude::double precision as longitude,
        services.latitude::double precision as latitude,
        services.telephone::text as telephone,
        services.courriel::text as courriel,
        services.contact_nom_prenom::text as contact_nom_prenom,
        services.modes_accueil::text[] as modes_accueil,
        services.zone_eligibilite::text[] as zone_eligibilite,
        services.lien_mobilisation::text as lien_mobilisation,
        services.modes_mobilisation::text[] as modes_mobilisation,
        services.mobilisable_par::text[] as mobilisable_par,
        services.mobilisation_precisions::text as mobilisation_precisions,
        services.volume_horaire_hebdomadaire::double precision as volume_horaire_hebdomadaire,
        services.nombre_semaines::integer as nombre_semaines,
        services.horaires_accueil::text as horaires_accueil,
        services.date_maj::date as date_maj,
        -- a record without id cannot be matched to its errors: never valid
        (services.id is not null and invalid_services.id is null)::boolean as _is_valid,
        -- DORA lets a producer hide the contact person, e-mail and phone;
        -- consumers must not show them when this is false (NULL: not said)
        services._is_contact_public::boolean as _is_contact_public,
        -- each service starts as its own cluster; the clustering step of
        -- the refresh (ServiceClustering) then gives the services of
        -- duplicated structures that offer the same thing a shared id
        services.id::text as cluster_id,
        -- appended after the first published columns so that the marts
        -- views can be re-pointed without changing their identity
        scores.score_qualite::double precision as score_qualite,
        -- a personal e-mail (first.last at a webmail, the first names of
        -- {{ ref('first_names') }}): contacts are masked in open data
        email_is_personal(services.courriel)::boolean as _has_pii,
        -- the administrative areas of the commune of the address, and how
        -- precise the coordinates are (int__addresses_enriched)
        services.code_departement::text as code_departement,
        services.code_region::text as code_region,
        services.code_epci::text as code_epci,
        services._geocoding_precision::text as _geocoding_precision,
        -- what the warehouse kept aside for this record, with the reason
        -- (opening hours outside the OSM subset)
        services._extra::jsonb as _extra
    from {{ ref('int__services_v1') }} as services
    left join invalid_services
        on invalid_services.source = services.source
        and invalid_services.id = services.id
    left join {{ ref('int__services_score_qualite') }} as scores
        on scores.id = services.id
)

select * from final
order by final.source, final.id

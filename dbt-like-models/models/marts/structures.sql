-- Published structures: every source's structures in the data·inclusion v1
-- model, valid or not. `_is_valid` tells which ones conform to v1; the
-- reasons are in validation_errors.
with

-- a structure's score is the mean of the scores of its valid services (the
-- ones the API serves, as data·inclusion averages only what it publishes),
-- 0 without one
structure_scores as (
    select
        services.structure_id,
        round(avg(scores.score_qualite)::numeric, 2) as score_qualite
    from {{ ref('int__services_v1') }} as services
    inner join {{ ref('int__services_score_qualite') }} as scores
        on scores.id = services.id
    left join {{ ref('int__validation_errors') }} as validation_errors
        on validation_errors.entity = 'service'
        and validation_errors.source = services.source
        and validation_errors.id = services.id
    where validation_errors.id is null
    group by services.structure_id
),

invalid_structures as (
    select distinct
        validation_errors.source,
        validation_errors.id
    from {{ ref('int__validation_errors') }} as validation_errors
    where validation_errors.entity = 'structure'
),

final as (
    select
        structures.source::text as source,
        structures.id::text as id,
        structures.nom::text as nom,
        structures.date_maj::date as date_maj,
        structures.description::text as description,
        structures.lien_source::text as lien_source,
        structures.siret::text as siret,
        structures.commune::text as commune,
        structures.code_postal::text as code_postal,
        structures.code_insee::text as code_insee,
        structures.adresse::text as adresse,
        structures.complement_adresse::text as complement_adresse,
        structures.longitude::double precision as longitude,
        structures.latitude::double precision as latitude,
        structures.telephone::text as telephone,
        structures.courriel::text as courriel,
        structures.site_web::text as site_web,
        structures.horaires_accueil::text as horaires_accueil,
        structures.accessibilite_lieu::text as accessibilite_lieu,
        structures.reseaux_porteurs::text[] as reseaux_porteurs,
        -- a record without id cannot be matched to its errors: never valid
        (structures.id is not null and invalid_structures.id is null)::boolean as _is_valid,
        -- each structure starts as its own cluster; the clustering step of
        -- the refresh (StructureClustering) then writes its duplicate
        -- cluster's id into the build before it is published
        structures.id::text as cluster_id,
        -- appended after the first published columns so that the marts
        -- views can be re-pointed without changing their identity
        coalesce(structure_scores.score_qualite, 0)::double precision as score_qualite,
        -- a personal e-mail (first.last at a webmail, the first names of
        -- {{ ref('first_names') }}): contacts are masked in open data
        email_is_personal(structures.courriel)::boolean as _has_pii,
        -- the administrative areas of the commune of the address, and how
        -- precise the coordinates are (int__addresses_enriched)
        structures.code_departement::text as code_departement,
        structures.code_region::text as code_region,
        structures.code_epci::text as code_epci,
        structures._geocoding_precision::text as _geocoding_precision,
        -- what the warehouse kept aside for this record, with the reason
        -- (opening hours outside the OSM subset)
        structures._extra::jsonb as _extra
    from {{ ref('int__structures_v1') }} as structures
    left join invalid_structures
        on invalid_structures.source = structures.source
        and invalid_structures.id = structures.id
    left join structure_scores
        on structure_scores.structure_id = structures.id
)

select * from final
order by final.source, final.id

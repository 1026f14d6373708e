-- Every source's services in the v1 model, after the rules that the final
-- layer applies to all sources (sources/README.md §3). One row per service;
-- rows that break a v1 rule are kept and listed in int__validation_errors.
with

-- the geocoded address a zone type is resolved from: the service's own,
-- else its structure's (a service without a place of its own is delivered
-- from its structure)
zone_addresses as (
    select
        unioned.id,
        coalesce(service_addresses.code_insee, structure_addresses.code_insee) as code_insee,
        case
            when service_addresses.code_insee is not null then service_addresses.code_epci
            else structure_addresses.code_epci
        end as code_epci,
        case
            when service_addresses.code_insee is not null then service_addresses.code_departement
            else structure_addresses.code_departement
        end as code_departement,
        case
            when service_addresses.code_insee is not null then service_addresses.code_region
            else structure_addresses.code_region
        end as code_region
    from {{ ref('int__services_unioned') }} as unioned
    left join {{ ref('int__addresses_enriched') }} as service_addresses
        on service_addresses.entity = 'service'
        and service_addresses.source = unioned.source
        and service_addresses.id = unioned.id
    left join {{ ref('int__addresses_enriched') }} as structure_addresses
        on structure_addresses.entity = 'structure'
        and structure_addresses.source = unioned.source
        and structure_addresses.id = unioned.structure_id
),

-- zone_eligibilite derived from the kind of zone a source gives without
-- codes (or with codes it could not resolve); a source's own codes always win
derived_zones as (
    select
        unioned.id,
        case unioned._zone_eligibilite_type
            when 'pays' then array['france']
            when 'commune' then
                case when zone_addresses.code_insee is not null then array[zone_addresses.code_insee] end
            when 'epci' then
                case when zone_addresses.code_epci is not null then array[zone_addresses.code_epci] end
            when 'departement' then
                case when zone_addresses.code_departement is not null then array[zone_addresses.code_departement] end
            -- v1 has no région codes: a région is listed as its départements
            when 'region' then regions.departements
        end as zone_eligibilite
    from {{ ref('int__services_unioned') }} as unioned
    inner join zone_addresses
        on zone_addresses.id = unioned.id
    left join {{ ref('regions') }} as regions
        on regions.code = zone_addresses.code_region
    where unioned.zone_eligibilite is null or cardinality(unioned.zone_eligibilite) = 0
)

-- Sources sort their lists in the C collation; the published columns keep
-- the database default so their type never changes from one refresh to
-- the next (a changed type would force the marts views to be recreated).
select
    unioned.source,
    unioned.id,
    unioned.structure_id,
    -- v1 caps nom at 150 chars: longer names are cut, not rejected
    case
        when char_length(unioned.nom) > 150 then left(unioned.nom, 149) || '…'
        else unioned.nom
    end as nom,
    -- v1 caps description at 10,000 chars: longer texts are cut
    case
        when char_length(unioned.description) > 10000 then left(unioned.description, 9999) || '…'
        else unioned.description
    end as description,
    -- URLs: scheme added to bare domains, spaces removed, anything that
    -- is not an http(s) URL with a host set aside (url_normalized, 0011)
    url_normalized(unioned.lien_source) as lien_source,
    unioned.type collate "default" as type,
    -- an empty list says nothing more than no list
    nullif(unioned.thematiques, '{}') collate "default" as thematiques,
    unioned.frais collate "default" as frais,
    unioned.frais_precisions,
    nullif(unioned.publics, '{}') collate "default" as publics,
    unioned.publics_precisions,
    unioned.conditions_acces,
    unioned.commune,
    unioned.code_postal,
    -- the commune and coordinates checked and completed from the
    -- referential (int__addresses_enriched); what they replaced is in
    -- int__set_aside_values
    service_addresses.code_insee,
    unioned.adresse,
    unioned.complement_adresse,
    service_addresses.longitude,
    service_addresses.latitude,
    -- normalizers of sql/functions/contacts and identifiers; what they set aside is listed,
    -- with the reason, in int__set_aside_values
    phone_e164(unioned.telephone) as telephone,
    email_normalized(unioned.courriel) as courriel,
    unioned.contact_nom_prenom,
    nullif(unioned.modes_accueil, '{}') collate "default" as modes_accueil,
    coalesce(nullif(unioned.zone_eligibilite, '{}'), derived_zones.zone_eligibilite) collate "default" as zone_eligibilite,
    url_normalized(unioned.lien_mobilisation) as lien_mobilisation,
    nullif(unioned.modes_mobilisation, '{}') collate "default" as modes_mobilisation,
    nullif(unioned.mobilisable_par, '{}') collate "default" as mobilisable_par,
    unioned.mobilisation_precisions,
    unioned.volume_horaire_hebdomadaire,
    unioned.nombre_semaines,
    -- opening hours outside the OSM subset stay in _extra with the reason
    case when opening_hours.problem is null then unioned.horaires_accueil end as horaires_accueil,
    unioned.date_maj,
    unioned._is_contact_public,
    -- the values as the sources gave them, before normalization
    unioned.telephone as _telephone_source,
    unioned.courriel as _courriel_source,
    service_addresses.code_departement,
    service_addresses.code_region,
    service_addresses.code_epci,
    service_addresses._geocoding_precision,
    -- whether zone_eligibilite was derived from the geocoded address
    derived_zones.zone_eligibilite is not null as _is_zone_eligibilite_derived,
    unioned.lien_source as _lien_source_source,
    unioned.lien_mobilisation as _lien_mobilisation_source,
    unioned.horaires_accueil as _horaires_accueil_source,
    case when opening_hours.problem is not null then jsonb_build_object('horaires_accueil',
        jsonb_build_object('valeur', unioned.horaires_accueil, 'probleme', opening_hours.problem)) end as _extra
from {{ ref('int__services_unioned') }} as unioned
cross join lateral (select opening_hours_problem(unioned.horaires_accueil) as problem) as opening_hours
left join {{ ref('int__addresses_enriched') }} as service_addresses
    on service_addresses.entity = 'service'
    and service_addresses.source = unioned.source
    and service_addresses.id = unioned.id
left join derived_zones
    on derived_zones.id = unioned.id

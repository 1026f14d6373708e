-- Values the final layer could not make valid and left out of the marts,
-- with the reason: nothing is dropped without a trace. One row per value.
with

candidates as (
    select structures.source, 'structure' as entity, structures.id, 'siret' as field,
        structures._siret_source as value, structures.siret is null as set_aside,
        'not 14 digits with a right Luhn key' as reason
    from {{ ref('int__structures_v1') }} as structures
    union all
    select structures.source, 'structure', structures.id, 'telephone',
        structures._telephone_source, structures.telephone is null,
        'not a valid French, overseas, short or international number'
    from {{ ref('int__structures_v1') }} as structures
    union all
    select structures.source, 'structure', structures.id, 'courriel',
        structures._courriel_source, structures.courriel is null,
        'not a valid e-mail address'
    from {{ ref('int__structures_v1') }} as structures
    union all
    select services.source, 'service', services.id, 'telephone',
        services._telephone_source, services.telephone is null,
        'not a valid French, overseas, short or international number'
    from {{ ref('int__services_v1') }} as services
    union all
    select services.source, 'service', services.id, 'courriel',
        services._courriel_source, services.courriel is null,
        'not a valid e-mail address'
    from {{ ref('int__services_v1') }} as services
    union all
    -- URLs that are not http(s) with a host (url_problem says why)
    select structures.source, 'structure', structures.id, urls.field, urls.value, urls.normalized is null,
        url_problem(urls.value)
    from {{ ref('int__structures_v1') }} as structures
    cross join lateral (values
        ('lien_source', structures._lien_source_source, structures.lien_source),
        ('site_web', structures._site_web_source, structures.site_web),
        ('accessibilite_lieu', structures._accessibilite_lieu_source, structures.accessibilite_lieu)
    ) as urls (field, value, normalized)
    union all
    select services.source, 'service', services.id, urls.field, urls.value, urls.normalized is null,
        url_problem(urls.value)
    from {{ ref('int__services_v1') }} as services
    cross join lateral (values
        ('lien_source', services._lien_source_source, services.lien_source),
        ('lien_mobilisation', services._lien_mobilisation_source, services.lien_mobilisation)
    ) as urls (field, value, normalized)
    union all
    -- opening hours outside the OSM subset (also kept in the record's _extra)
    select structures.source, 'structure', structures.id, 'horaires_accueil', structures._horaires_accueil_source,
        structures._extra ? 'horaires_accueil', structures._extra #>> '{horaires_accueil,probleme}'
    from {{ ref('int__structures_v1') }} as structures
    union all
    select services.source, 'service', services.id, 'horaires_accueil', services._horaires_accueil_source,
        services._extra ? 'horaires_accueil', services._extra #>> '{horaires_accueil,probleme}'
    from {{ ref('int__services_v1') }} as services
    union all
    -- the commune then comes from the postal code and name, if they give one
    select addresses.source, addresses.entity, addresses.id, 'code_insee',
        addresses._code_insee_source, addresses._code_insee_origin <> 'source',
        'not a commune, arrondissement, commune déléguée or associée of the INSEE COG'
    from {{ ref('int__addresses_enriched') }} as addresses
    union all
    -- rejected coordinates give way to the geocoder's or the commune's point
    select addresses.source, addresses.entity, addresses.id, 'latitude',
        addresses._latitude_source::text, addresses._coordinates_rejection_reason is not null,
        addresses._coordinates_rejection_reason
    from {{ ref('int__addresses_enriched') }} as addresses
    union all
    select addresses.source, addresses.entity, addresses.id, 'longitude',
        addresses._longitude_source::text, addresses._coordinates_rejection_reason is not null,
        addresses._coordinates_rejection_reason
    from {{ ref('int__addresses_enriched') }} as addresses
),

final as (
    select
        candidates.source,
        candidates.entity,
        candidates.id,
        candidates.field,
        candidates.value,
        candidates.reason
    from candidates
    where candidates.value is not null and candidates.set_aside
)

select * from final order by source, entity, id, field

-- Values the final layer could not make valid and left out of the marts,
-- with the reason: nothing is dropped without a trace. One row per value.
-- Each list below gives, per field, the value as the source wrote it,
-- whether it was set aside and why.
with

candidates as (
    select structures.source, 'structure' as entity, structures.id, checks.*
    from {{ ref('int__structures_v1') }} as structures
    cross join lateral (values
        ('siret', structures._siret_source, structures.siret is null, 'not 14 digits with a right Luhn key'),
        (
            'telephone', structures._telephone_source, structures.telephone is null,
            'not a valid French, overseas, short or international number'
        ),
        ('courriel', structures._courriel_source, structures.courriel is null, 'not a valid e-mail address'),
        -- URLs that are not http(s) with a host (url_problem says why)
        (
            'lien_source', structures._lien_source_source, structures.lien_source is null,
            url_problem(structures._lien_source_source)
        ),
        ('site_web', structures._site_web_source, structures.site_web is null, url_problem(structures._site_web_source)),
        (
            'accessibilite_lieu', structures._accessibilite_lieu_source, structures.accessibilite_lieu is null,
            url_problem(structures._accessibilite_lieu_source)
        ),
        -- opening hours outside the OSM subset (also kept in the record's _extra)
        (
            'horaires_accueil', structures._horaires_accueil_source, structures._extra ? 'horaires_accueil',
            structures._extra #>> '{horaires_accueil,probleme}'
        )
    ) as checks (field, value, set_aside, reason)
    union all
    select services.source, 'service', services.id, checks.*
    from {{ ref('int__services_v1') }} as services
    cross join lateral (values
        (
            'telephone', services._telephone_source, services.telephone is null,
            'not a valid French, overseas, short or international number'
        ),
        ('courriel', services._courriel_source, services.courriel is null, 'not a valid e-mail address'),
        (
            'lien_source', services._lien_source_source, services.lien_source is null,
            url_problem(services._lien_source_source)
        ),
        (
            'lien_mobilisation', services._lien_mobilisation_source, services.lien_mobilisation is null,
            url_problem(services._lien_mobilisation_source)
        ),
        (
            'horaires_accueil', services._horaires_accueil_source, services._extra ? 'horaires_accueil',
            services._extra #>> '{horaires_accueil,probleme}'
        )
    ) as checks (field, value, set_aside, reason)
    union all
    select addresses.source, addresses.entity, addresses.id, checks.*
    from {{ ref('int__addresses_enriched') }} as addresses
    cross join lateral (values
        -- the commune then comes from the postal code and name, if they give one
        (
            'code_insee', addresses._code_insee_source, addresses._code_insee_origin <> 'source',
            'not a commune, arrondissement, commune déléguée or associée of the INSEE COG'
        ),
        -- rejected coordinates give way to the geocoder's or the commune's point
        (
            'latitude', addresses._latitude_source::text, addresses._coordinates_rejection_reason is not null,
            addresses._coordinates_rejection_reason
        ),
        (
            'longitude', addresses._longitude_source::text, addresses._coordinates_rejection_reason is not null,
            addresses._coordinates_rejection_reason
        )
    ) as checks (field, value, set_aside, reason)
)

select
    candidates.source,
    candidates.entity,
    candidates.id,
    candidates.field,
    candidates.value,
    candidates.reason
from candidates
where candidates.value is not null and candidates.set_aside
order by source, entity, id, field

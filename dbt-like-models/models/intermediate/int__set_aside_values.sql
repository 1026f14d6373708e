-- Values the final layer could not make valid and left out of the marts,
-- with the reason: nothing is dropped without a trace. One row per value.
with

structures as (
    select * from {{ ref('int__structures_v1') }}
),

services as (
    select * from {{ ref('int__services_v1') }}
),

addresses as (
    select * from {{ ref('int__addresses_enriched') }}
),

candidates as (
    select structures.source, 'structure' as entity, structures.id, 'siret' as field,
        structures._siret_source as value, structures.siret is null as set_aside,
        'not 14 digits with a right Luhn key' as reason
    from structures as structures
    union all
    select structures.source, 'structure', structures.id, 'telephone',
        structures._telephone_source, structures.telephone is null,
        'not a valid French, overseas, short or international number'
    from structures as structures
    union all
    select structures.source, 'structure', structures.id, 'courriel',
        structures._courriel_source, structures.courriel is null,
        'not a valid e-mail address'
    from structures as structures
    union all
    select services.source, 'service', services.id, 'telephone',
        services._telephone_source, services.telephone is null,
        'not a valid French, overseas, short or international number'
    from services as services
    union all
    select services.source, 'service', services.id, 'courriel',
        services._courriel_source, services.courriel is null,
        'not a valid e-mail address'
    from services as services
    union all
    -- the commune then comes from the postal code and name, if they give one
    select addresses.source, addresses.entity, addresses.id, 'code_insee',
        addresses._code_insee_source, addresses._code_insee_origin <> 'source',
        'not a commune, arrondissement, commune déléguée or associée of the INSEE COG'
    from addresses as addresses
    union all
    -- rejected coordinates give way to the geocoder's or the commune's point
    select addresses.source, addresses.entity, addresses.id, 'latitude',
        addresses._latitude_source::text, addresses._coordinates_rejection_reason is not null,
        addresses._coordinates_rejection_reason
    from addresses as addresses
    union all
    select addresses.source, addresses.entity, addresses.id, 'longitude',
        addresses._longitude_source::text, addresses._coordinates_rejection_reason is not null,
        addresses._coordinates_rejection_reason
    from addresses as addresses
),

final as (
    select
        candidates.source as source,
        candidates.entity as entity,
        candidates.id as id,
        candidates.field as field,
        candidates.value as value,
        candidates.reason as reason
    from candidates as candidates
    where candidates.value is not null and candidates.set_aside
)

select * from final order by source, entity, id, field

-- Raw values found in the current data that no mapping seed knows. A value
-- listed in a seed with an empty v1 cell is known and deliberately maps to
-- nothing; a value missing from the seed would silently map to nothing, so it
-- is listed here until someone adds it to the seed (mapped or not).
-- For the DORA fields that already carry v1 values (thematiques, publics,
-- modes_accueil, frais) the v1 vocabulary itself is the reference.
with

dora_structures as (
    select * from {{ ref('stg_dora__structures') }}
),

dora_services as (
    select * from {{ ref('stg_dora__services') }}
),

emplois_structures as (
    select * from {{ ref('stg_emplois_de_linclusion__structures') }}
),

mediation_numerique_places as (
    select * from {{ ref('stg_mediation_numerique__structures') }}
),

departements as (
    select * from {{ ref('ref_departements') }}
),

-- every (source, field, value, record) that a mapping reads; record_key
-- identifies the staged record (stream-qualified for the emplois union)
observed as (
    select
        'dora' as source,
        'labels_nationaux' as field,
        item.value as raw_value,
        dora_structures.record_number::text as record_key
    from dora_structures as dora_structures
    cross join lateral unnest(dora_structures.labels_nationaux) as item (value)
    union all
    select
        'dora' as source,
        'typologie' as field,
        dora_structures.typologie as raw_value,
        dora_structures.record_number::text as record_key
    from dora_structures as dora_structures
    where dora_structures.typologie is not null
    union all
    select
        'dora' as source,
        'types' as field,
        item.value as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    cross join lateral unnest(dora_services.types) as item (value)
    union all
    select
        'dora' as source,
        'modes_orientation_beneficiaire' as field,
        item.value as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    cross join lateral unnest(dora_services.modes_orientation_beneficiaire) as item (value)
    union all
    select
        'dora' as source,
        'modes_orientation_accompagnateur' as field,
        item.value as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    cross join lateral unnest(dora_services.modes_orientation_accompagnateur) as item (value)
    union all
    select
        'dora' as source,
        'thematiques' as field,
        item.value as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    cross join lateral unnest(dora_services.thematiques) as item (value)
    union all
    select
        'dora' as source,
        'publics' as field,
        item.value as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    cross join lateral unnest(dora_services.publics) as item (value)
    union all
    select
        'dora' as source,
        'modes_accueil' as field,
        item.value as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    cross join lateral unnest(dora_services.modes_accueil) as item (value)
    union all
    select
        'dora' as source,
        'frais' as field,
        dora_services.frais as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    where dora_services.frais is not null
    union all
    select
        'dora' as source,
        'zone_diffusion_type' as field,
        dora_services.zone_diffusion_type as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    where dora_services.zone_diffusion_type is not null
    union all
    select
        'dora' as source,
        'zone_diffusion_code' as field,
        dora_services.zone_diffusion_code as raw_value,
        dora_services.record_number::text as record_key
    from dora_services as dora_services
    where dora_services.zone_diffusion_type = 'region'
    union all
    select
        'emplois-de-linclusion' as source,
        'kind' as field,
        emplois_structures.kind as raw_value,
        emplois_structures.stream || '/' || emplois_structures.record_number as record_key
    from emplois_structures as emplois_structures
    where emplois_structures.kind is not null
    union all
    select
        'mediation-numerique' as source,
        'services' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.services) as item (value)
    union all
    select
        'mediation-numerique' as source,
        'frais_a_charge' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.frais_a_charge) as item (value)
    union all
    select
        'mediation-numerique' as source,
        'modalites_acces' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.modalites_acces) as item (value)
    union all
    select
        'mediation-numerique' as source,
        'modalites_accompagnement' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.modalites_accompagnement) as item (value)
    union all
    select
        'mediation-numerique' as source,
        'publics_specifiquement_adresses' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.publics_specifiquement_adresses) as item (value)
    union all
    select
        'mediation-numerique' as source,
        'prise_en_charge_specifique' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.prise_en_charge_specifique) as item (value)
    union all
    select
        'mediation-numerique' as source,
        'dispositif_programmes_nationaux' as field,
        item.value as raw_value,
        places.record_number::text as record_key
    from mediation_numerique_places as places
    cross join lateral unnest(places.dispositif_programmes_nationaux) as item (value)
),

-- every (source, field, value) that a seed lists, mapped or not
known as (
    select 'dora' as source, 'labels_nationaux' as field, known.raw as raw_value
    from {{ ref('map_dora__labels_nationaux') }} as known
    union all
    select 'dora' as source, 'typologie' as field, known.raw as raw_value
    from {{ ref('map_dora__typologies') }} as known
    union all
    select 'dora' as source, 'types' as field, known.raw as raw_value
    from {{ ref('map_dora__types') }} as known
    union all
    select 'dora' as source, known.raw_array as field, known.raw as raw_value
    from {{ ref('map_dora__modes_orientation') }} as known
    union all
    -- DORA already sends v1 values for these: the vocabulary is the reference
    select 'dora' as source, 'thematiques' as field, known.value as raw_value
    from {{ ref('v1_thematiques') }} as known
    union all
    select 'dora' as source, 'publics' as field, known.value as raw_value
    from {{ ref('v1_publics') }} as known
    union all
    select 'dora' as source, 'modes_accueil' as field, known.value as raw_value
    from {{ ref('v1_modes_accueil') }} as known
    union all
    select 'dora' as source, 'frais' as field, known.value as raw_value
    from {{ ref('v1_frais') }} as known
    union all
    -- the zone types that int_dora__services_v1 knows how to turn into a zone
    select 'dora' as source, 'zone_diffusion_type' as field, zone_type.value as raw_value
    from (values ('commune'), ('epci'), ('departement'), ('region'), ('pays')) as zone_type (value)
    union all
    -- a région code without départements in ref_departements gives no zone
    select distinct 'dora' as source, 'zone_diffusion_code' as field, departements.code_region as raw_value
    from departements as departements
    union all
    select 'emplois-de-linclusion' as source, 'kind' as field, known.raw as raw_value
    from {{ ref('map_emplois_de_linclusion__kinds') }} as known
    union all
    select 'mediation-numerique' as source, 'services' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__services') }} as known
    union all
    select 'mediation-numerique' as source, 'frais_a_charge' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__frais') }} as known
    union all
    select 'mediation-numerique' as source, 'modalites_acces' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__modalites_acces') }} as known
    union all
    select 'mediation-numerique' as source, 'modalites_accompagnement' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__modalites_accompagnement') }} as known
    union all
    select 'mediation-numerique' as source, 'publics_specifiquement_adresses' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__publics') }} as known
    union all
    select 'mediation-numerique' as source, 'prise_en_charge_specifique' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__prise_en_charge') }} as known
    union all
    select 'mediation-numerique' as source, 'dispositif_programmes_nationaux' as field, known.raw as raw_value
    from {{ ref('map_mediation_numerique__dispositifs') }} as known
),

first_party as (
    select
        observed.source as source,
        observed.field as field,
        observed.raw_value as raw_value,
        count(distinct observed.record_key) as rows
    from observed as observed
    left join known as known
        on known.source = observed.source
        and known.field = observed.field
        and known.raw_value = observed.raw_value
    where known.raw_value is null
    group by observed.source, observed.field, observed.raw_value
),

-- the other sources list their own unknown values next to their mappings
final as (
    select * from first_party
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_monenfant__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_ma_boussole_aidants__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_cd35__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_fredo__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_agefiph__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_soliguide__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_reseau_alpha__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_finess__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_carif_oref__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_mes_aides__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_action_logement__unknown_values') }} as other
    union all
    select other.source, other.field, other.raw_value, other.rows::bigint
    from {{ ref('int_france_travail__unknown_values') }} as other
)

select * from final

-- Every broken rule of the data·inclusion v1 schema (schema/README.md), one
-- row per (record, field, rule) and, for lists, per offending item. A record
-- with no row here conforms to the v1 JSON Schemas and to the rules that only
-- the Python validator enforces (date_maj range, tous-publics alone, http(s)
-- URLs). Structures and services are both checked; the marts derive
-- `_is_valid` from this model.
with

-- The formats, written once. They are ASCII-only and at least as strict as
-- the validators upstream uses, so that a row without error also passes a
-- JSON Schema validator that checks `format`:
-- * url: http or https (any case), a host name, an optional port up to
--   65535, then RFC 3986 characters only (pydantic HttpUrl; `format: uri`);
-- * email: the dot-atom form of RFC 5322 with a dotted domain whose last
--   label starts with a letter (the syntax part of email-validator); the
--   length limits (64 before @, 254 in all) are checked next to it.
-- Label lengths are left out of the patterns on purpose: bounded repeats
-- such as {0,61} make PostgreSQL's regex engine several times slower.
formats as (
    select
        '^[Hh][Tt][Tt][Pp][Ss]?://'
        || '(([A-Za-z0-9._~!$&''()*+,;=:-]|%[0-9A-Fa-f]{2})*@)?'
        || '[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*'
        || '(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?'
        || '(/([A-Za-z0-9._~!$&''()*+,;=:@/-]|%[0-9A-Fa-f]{2})*)?'
        || '(\?([A-Za-z0-9._~!$&''()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?'
        || '(#([A-Za-z0-9._~!$&''()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$' as url_pattern,
        '^[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&''*+/=?^_`{|}~-]+)*'
        || '@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$' as email_pattern
),

-- one row per field-level rule; `is_broken` is NULL when the field is empty
-- and the rule does not apply, which the filter treats as "not broken"
structure_field_errors as (
    select
        structures.source,
        'structure' as entity,
        structures.id,
        checks.field,
        checks.rule,
        checks.value
    from {{ ref('int__structures_v1') }} as structures
    cross join formats
    cross join lateral (
        values
            ('source', 'required', structures.source is null, null::text),
            ('id', 'required', structures.id is null, null),
            ('nom', 'required', structures.nom is null, null),
            ('nom', 'min_length', char_length(structures.nom) < 3, structures.nom),
            ('nom', 'max_length', char_length(structures.nom) > 150, structures.nom),
            ('date_maj', 'required', structures.date_maj is null, null),
            (
                'date_maj', 'date_range',
                structures.date_maj < date '2000-01-01' or structures.date_maj > current_date,
                structures.date_maj::text
            ),
            ('description', 'min_length', char_length(structures.description) < 5, structures.description),
            ('description', 'max_length', char_length(structures.description) > 10000, structures.description),
            ('lien_source', 'url', structures.lien_source !~ formats.url_pattern, structures.lien_source),
            ('lien_source', 'max_length', char_length(structures.lien_source) > 2083, structures.lien_source),
            ('siret', 'pattern', structures.siret !~ '^\d{14}$', structures.siret),
            ('code_postal', 'pattern', structures.code_postal !~ '^\d{5}$', structures.code_postal),
            ('code_insee', 'pattern', structures.code_insee !~ '^\w{5}$', structures.code_insee),
            (
                'courriel', 'email',
                structures.courriel !~ formats.email_pattern
                or char_length(structures.courriel) > 254
                or char_length(split_part(structures.courriel, '@', 1)) > 64,
                structures.courriel
            ),
            ('site_web', 'url', structures.site_web !~ formats.url_pattern, structures.site_web),
            ('site_web', 'max_length', char_length(structures.site_web) > 2083, structures.site_web),
            (
                'accessibilite_lieu', 'url',
                structures.accessibilite_lieu !~ formats.url_pattern, structures.accessibilite_lieu
            ),
            (
                'accessibilite_lieu', 'max_length',
                char_length(structures.accessibilite_lieu) > 2083, structures.accessibilite_lieu
            ),
            (
                'reseaux_porteurs', 'unique_items',
                cardinality(structures.reseaux_porteurs)
                <> (select count(distinct item.value) from unnest(structures.reseaux_porteurs) as item (value)),
                structures.reseaux_porteurs::text
            )
    ) as checks (field, rule, is_broken, value)
    where checks.is_broken
),

structure_enum_errors as (
    select
        structures.source,
        'structure' as entity,
        structures.id,
        'reseaux_porteurs' as field,
        'enum' as rule,
        item.value
    from {{ ref('int__structures_v1') }} as structures
    cross join lateral unnest(structures.reseaux_porteurs) as item (value)
    left join {{ ref('v1_reseaux_porteurs') }} as v1_reseaux_porteurs
        on v1_reseaux_porteurs.value = item.value
    where v1_reseaux_porteurs.value is null
),

service_field_errors as (
    select
        services.source,
        'service' as entity,
        services.id,
        checks.field,
        checks.rule,
        checks.value
    from {{ ref('int__services_v1') }} as services
    cross join formats
    cross join lateral (
        values
            ('source', 'required', services.source is null, null::text),
            ('id', 'required', services.id is null, null),
            ('structure_id', 'required', services.structure_id is null, null),
            ('nom', 'required', services.nom is null, null),
            ('nom', 'min_length', char_length(services.nom) < 3, services.nom),
            ('nom', 'max_length', char_length(services.nom) > 150, services.nom),
            ('description', 'required', services.description is null, null),
            ('description', 'min_length', char_length(services.description) < 5, services.description),
            ('description', 'max_length', char_length(services.description) > 10000, services.description),
            ('date_maj', 'required', services.date_maj is null, null),
            (
                'date_maj', 'date_range',
                services.date_maj < date '2000-01-01' or services.date_maj > current_date,
                services.date_maj::text
            ),
            ('lien_source', 'url', services.lien_source !~ formats.url_pattern, services.lien_source),
            ('lien_source', 'max_length', char_length(services.lien_source) > 2083, services.lien_source),
            ('code_postal', 'pattern', services.code_postal !~ '^\d{5}$', services.code_postal),
            ('code_insee', 'pattern', services.code_insee !~ '^\w{5}$', services.code_insee),
            (
                'courriel', 'email',
                services.courriel !~ formats.email_pattern
                or char_length(services.courriel) > 254
                or char_length(split_part(services.courriel, '@', 1)) > 64,
                services.courriel
            ),
            (
                'lien_mobilisation', 'url',
                services.lien_mobilisation !~ formats.url_pattern, services.lien_mobilisation
            ),
            (
                'lien_mobilisation', 'max_length',
                char_length(services.lien_mobilisation) > 2083, services.lien_mobilisation
            ),
            -- `[]` is not a valid value where v1 says minItems 1 (use NULL)
            ('publics', 'min_items', cardinality(services.publics) = 0, services.publics::text),
            (
                'modes_mobilisation', 'min_items',
                cardinality(services.modes_mobilisation) = 0, services.modes_mobilisation::text
            ),
            ('mobilisable_par', 'min_items', cardinality(services.mobilisable_par) = 0, services.mobilisable_par::text),
            ('zone_eligibilite', 'min_items', cardinality(services.zone_eligibilite) = 0, services.zone_eligibilite::text),
            -- "tous-publics" means everyone: combined with a specific public
            -- it is a contradiction, which the Python validator rejects
            (
                'publics', 'tous_publics_exclusive',
                'tous-publics' = any(services.publics) and cardinality(services.publics) > 1,
                services.publics::text
            ),
            (
                'volume_horaire_hebdomadaire', 'minimum',
                services.volume_horaire_hebdomadaire < 0, services.volume_horaire_hebdomadaire::text
            ),
            ('nombre_semaines', 'minimum', services.nombre_semaines < 1, services.nombre_semaines::text)
    ) as checks (field, rule, is_broken, value)
    where checks.is_broken
),

-- sets in v1 are JSON arrays with uniqueItems: a repeated value is an error
-- for a strict JSON Schema validator (zone_eligibilite is a plain list)
service_set_items as (
    select
        services.source,
        services.id,
        'thematiques' as field,
        item.value,
        item.position
    from {{ ref('int__services_v1') }} as services
    cross join lateral unnest(services.thematiques) with ordinality as item (value, position)
    union all
    select
        services.source,
        services.id,
        'publics' as field,
        item.value,
        item.position
    from {{ ref('int__services_v1') }} as services
    cross join lateral unnest(services.publics) with ordinality as item (value, position)
    union all
    select
        services.source,
        services.id,
        'modes_accueil' as field,
        item.value,
        item.position
    from {{ ref('int__services_v1') }} as services
    cross join lateral unnest(services.modes_accueil) with ordinality as item (value, position)
    union all
    select
        services.source,
        services.id,
        'modes_mobilisation' as field,
        item.value,
        item.position
    from {{ ref('int__services_v1') }} as services
    cross join lateral unnest(services.modes_mobilisation) with ordinality as item (value, position)
    union all
    select
        services.source,
        services.id,
        'mobilisable_par' as field,
        item.value,
        item.position
    from {{ ref('int__services_v1') }} as services
    cross join lateral unnest(services.mobilisable_par) with ordinality as item (value, position)
),

service_enum_errors as (
    select
        service_set_items.source,
        'service' as entity,
        service_set_items.id,
        service_set_items.field,
        'enum' as rule,
        service_set_items.value
    from service_set_items
    where not exists (
        select 1 from {{ ref('v1_thematiques') }} as vocabulary
        where service_set_items.field = 'thematiques' and vocabulary.value = service_set_items.value
        union all
        select 1 from {{ ref('v1_publics') }} as vocabulary
        where service_set_items.field = 'publics' and vocabulary.value = service_set_items.value
        union all
        select 1 from {{ ref('v1_modes_accueil') }} as vocabulary
        where service_set_items.field = 'modes_accueil' and vocabulary.value = service_set_items.value
        union all
        select 1 from {{ ref('v1_modes_mobilisation') }} as vocabulary
        where service_set_items.field = 'modes_mobilisation' and vocabulary.value = service_set_items.value
        union all
        select 1 from {{ ref('v1_personnes_mobilisatrices') }} as vocabulary
        where service_set_items.field = 'mobilisable_par' and vocabulary.value = service_set_items.value
    )
    union all
    select
        services.source,
        'service' as entity,
        services.id,
        'type' as field,
        'enum' as rule,
        services.type as value
    from {{ ref('int__services_v1') }} as services
    left join {{ ref('v1_types_de_services') }} as v1_types_de_services
        on v1_types_de_services.value = services.type
    where services.type is not null
        and v1_types_de_services.value is null
    union all
    select
        services.source,
        'service' as entity,
        services.id,
        'frais' as field,
        'enum' as rule,
        services.frais as value
    from {{ ref('int__services_v1') }} as services
    left join {{ ref('v1_frais') }} as v1_frais
        on v1_frais.value = services.frais
    where services.frais is not null
        and v1_frais.value is null
),

service_duplicate_items as (
    select distinct
        service_set_items.source,
        'service' as entity,
        service_set_items.id,
        service_set_items.field,
        'unique_items' as rule,
        service_set_items.value
    from service_set_items
    inner join service_set_items as other_items
        on other_items.source = service_set_items.source
        and other_items.id = service_set_items.id
        and other_items.field = service_set_items.field
        and other_items.value = service_set_items.value
        and other_items.position <> service_set_items.position
),

-- each item must be a commune (5 chars), a département (2-3 chars), an EPCI
-- SIREN (9 digits), a country code (99xxx, covered by the commune shape) or
-- "france"; région codes are not allowed (list the départements instead)
service_zone_errors as (
    select
        services.source,
        'service' as entity,
        services.id,
        'zone_eligibilite' as field,
        'pattern' as rule,
        item.value
    from {{ ref('int__services_v1') }} as services
    cross join lateral unnest(services.zone_eligibilite) as item (value)
    where item.value is null
        or item.value !~ '^(\w{5}|\w{2,3}|\d{9}|france)$'
),

-- a service must belong to a structure of the same publication
service_foreign_key_errors as (
    select
        services.source,
        'service' as entity,
        services.id,
        'structure_id' as field,
        'foreign_key' as rule,
        services.structure_id as value
    from {{ ref('int__services_v1') }} as services
    where services.structure_id is not null
        and not exists (
            select 1
            from {{ ref('int__structures_v1') }} as structures
            where structures.id = services.structure_id
        )
),

-- ids are the primary keys of the published data: every copy of a repeated
-- id is reported, since none of them can be told apart by a consumer
duplicate_ids as (
    select
        structures.source,
        'structure' as entity,
        structures.id,
        'id' as field,
        'unique' as rule,
        structures.id as value
    from {{ ref('int__structures_v1') }} as structures
    where structures.id in (
        select duplicated.id
        from {{ ref('int__structures_v1') }} as duplicated
        group by duplicated.id
        having count(*) > 1
    )
    union all
    select
        services.source,
        'service' as entity,
        services.id,
        'id' as field,
        'unique' as rule,
        services.id as value
    from {{ ref('int__services_v1') }} as services
    where services.id in (
        select duplicated.id
        from {{ ref('int__services_v1') }} as duplicated
        group by duplicated.id
        having count(*) > 1
    )
),

all_errors as (
    select * from structure_field_errors
    union all
    select * from structure_enum_errors
    union all
    select * from service_field_errors
    union all
    select * from service_enum_errors
    union all
    select * from service_duplicate_items
    union all
    select * from service_zone_errors
    union all
    select * from service_foreign_key_errors
    union all
    select * from duplicate_ids
)

select
    all_errors.source,
    all_errors.entity,
    all_errors.id,
    all_errors.field,
    all_errors.rule,
    -- long texts are shortened: the value only has to show the problem
    left(all_errors.value, 1000) as value
from all_errors

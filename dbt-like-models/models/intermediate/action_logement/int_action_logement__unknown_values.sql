-- Raw values of Action Logement that no vocabulary knows (same columns as
-- int__unknown_values). The catalogue is typed directly with v1 values
-- (sources/action-logement.md §6), so the v1 vocabularies are the reference;
-- a value outside them is kept in the services (validation reports it) and
-- listed here so that nobody has to discover it in the validation errors.
with

catalogue as (
    select * from {{ ref('stg_action_logement__services') }}
),

offices as (
    select * from {{ ref('stg_action_logement__structures') }}
),

-- every (field, value, record) read as a vocabulary value or a code
observed as (
    select
        'type' as field,
        catalogue.type as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    where catalogue.type is not null
    union all
    select
        'thematiques' as field,
        item.value as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    cross join lateral unnest(catalogue.thematiques) as item (value)
    union all
    -- a single value in v1; a list here is checked item by item
    select
        'frais' as field,
        btrim(item.value, E' \t\r\n') as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    cross join lateral string_to_table(catalogue.frais, ',') as item (value)
    where btrim(item.value, E' \t\r\n') <> ''
    union all
    select
        'publics' as field,
        item.value as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    cross join lateral unnest(catalogue.publics) as item (value)
    union all
    select
        'modes_accueil' as field,
        item.value as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    cross join lateral unnest(catalogue.modes_accueil) as item (value)
    union all
    select
        'modes_mobilisation' as field,
        item.value as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    cross join lateral unnest(catalogue.modes_mobilisation) as item (value)
    union all
    select
        'mobilisable_par' as field,
        item.value as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    cross join lateral unnest(catalogue.mobilisable_par) as item (value)
    union all
    select
        'reseaux_porteurs' as field,
        item.value as raw_value,
        'structures/' || offices.record_number as record_key
    from offices
    cross join lateral unnest(offices.reseaux_porteurs) as item (value)
    union all
    -- a switch that is neither a true nor a false spelling keeps its row
    select
        '__ignore__' as field,
        catalogue.ignore_value as raw_value,
        'services/' || catalogue.record_number as record_key
    from catalogue
    where catalogue.ignore_value is not null
    union all
    select
        '__ignore__' as field,
        offices.ignore_value as raw_value,
        'structures/' || offices.record_number as record_key
    from offices
    where offices.ignore_value is not null
),

-- every (field, value) that is understood
known as (
    select 'type' as field, known.value as raw_value
    from {{ ref('v1_types_de_services') }} as known
    union all
    select 'thematiques' as field, known.value as raw_value
    from {{ ref('v1_thematiques') }} as known
    union all
    select 'frais' as field, known.value as raw_value
    from {{ ref('v1_frais') }} as known
    union all
    select 'publics' as field, known.value as raw_value
    from {{ ref('v1_publics') }} as known
    union all
    select 'modes_accueil' as field, known.value as raw_value
    from {{ ref('v1_modes_accueil') }} as known
    union all
    select 'modes_mobilisation' as field, known.value as raw_value
    from {{ ref('v1_modes_mobilisation') }} as known
    union all
    select 'mobilisable_par' as field, known.value as raw_value
    from {{ ref('v1_personnes_mobilisatrices') }} as known
    union all
    -- the spellings the staging model reads as true (row dropped) or false
    select '__ignore__' as field, switch.value as raw_value
    from (
        values ('true'), ('t'), ('yes'), ('y'), ('on'), ('1'), ('oui'), ('vrai'),
            ('false'), ('f'), ('no'), ('n'), ('off'), ('0'), ('non'), ('faux')
    ) as switch (value)
    union all
    select 'reseaux_porteurs' as field, known.value as raw_value
    from {{ ref('v1_reseaux_porteurs') }} as known
),

final as (
    select
        'action-logement' as source,
        observed.field,
        observed.raw_value,
        count(distinct observed.record_key) as rows
    from observed
    left join known
        on known.field = observed.field
        and known.raw_value = observed.raw_value
    where known.raw_value is null
    group by observed.field, observed.raw_value
)

select * from final

-- Carif-Oref raw values of the kept actions that no mapping knows (same
-- columns as int__unknown_values). FORMACODE domain codes outside seed
-- map_carif_oref__formacodes are not listed: the seed is the selection of
-- domains (§4.1), any other domain is out of scope on purpose.
with

actions as (
    select * from {{ ref('stg_carif_oref__actions') }}
),

observed as (
    select
        'carif-oref' as source,
        'code-public-vise' as field,
        code.value as raw_value,
        actions.numero as record_key
    from actions
    cross join lateral unnest(actions.codes_public_vise) as code (value)
    union all
    select
        'carif-oref' as source,
        'modalites-enseignement' as field,
        actions.modalites_enseignement as raw_value,
        actions.numero as record_key
    from actions
    where actions.modalites_enseignement is not null
    union all
    select
        'carif-oref' as source,
        'code-perimetre-recrutement' as field,
        actions.code_perimetre_recrutement as raw_value,
        actions.numero as record_key
    from actions
    where actions.code_perimetre_recrutement is not null
),

known as (
    select 'carif-oref' as source, 'code-public-vise' as field, known.raw as raw_value
    from {{ ref('map_carif_oref__publics') }} as known
    union all
    select 'carif-oref' as source, 'modalites-enseignement' as field, known.raw as raw_value
    from {{ ref('map_carif_oref__modalites_enseignement') }} as known
    union all
    -- the LHEO perimeter codes: 0 undefined, 1 commune, 2 département,
    -- 3 région, 4 interrégion, 5 pays, 6 international
    select 'carif-oref' as source, 'code-perimetre-recrutement' as field, perimetre.value as raw_value
    from (values ('0'), ('1'), ('2'), ('3'), ('4'), ('5'), ('6')) as perimetre (value)
),

final as (
    select
        observed.source,
        observed.field,
        observed.raw_value,
        count(distinct observed.record_key) as rows
    from observed
    left join known
        on known.source = observed.source
        and known.field = observed.field
        and known.raw_value = observed.raw_value
    where known.raw_value is null
    group by observed.source, observed.field, observed.raw_value
)

select * from final

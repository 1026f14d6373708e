-- FINESS raw values of the kept establishments that no mapping seed knows
-- (same columns as int__unknown_values). The category filter itself is not
-- reported: every other category is dropped on purpose.
with

etablissements as (
    select * from {{ ref('stg_finess__etablissements') }}
),

observed as (
    -- an unlisted street-type code is kept as written in the address
    select
        'finess' as source,
        'typvoie' as field,
        etablissements.typvoie as raw_value,
        etablissements.record_number::text as record_key
    from etablissements as etablissements
    where etablissements.typvoie is not null
    union all
    -- a département code that is neither metropolitan nor in the overseas seed
    -- gives no INSEE code and a zone nobody can resolve
    select
        'finess' as source,
        'departement' as field,
        etablissements.departement as raw_value,
        etablissements.record_number::text as record_key
    from etablissements as etablissements
    where etablissements.departement is not null
        and etablissements.departement !~ '^(\d{2}|2[AB])$'
),

known as (
    select 'finess' as source, 'typvoie' as field, known.raw as raw_value
    from {{ ref('map_finess__types_voie') }} as known
    union all
    select 'finess' as source, 'departement' as field, known.raw as raw_value
    from {{ ref('map_finess__departements') }} as known
),

final as (
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
)

select * from final

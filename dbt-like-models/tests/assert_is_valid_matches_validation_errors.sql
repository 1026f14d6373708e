-- `_is_valid` must say exactly whether validation_errors has a row for the
-- record: true with an error, or false without one, means the marts and the
-- validation model went out of step. Failing rows are such records.
with

structures as (
    select * from {{ ref('structures') }}
),

services as (
    select * from {{ ref('services') }}
),

validation_errors as (
    select * from {{ ref('validation_errors') }}
),

records as (
    select
        'structure' as entity,
        structures.source as source,
        structures.id as id,
        structures._is_valid as is_valid
    from structures as structures
    union all
    select
        'service' as entity,
        services.source as source,
        services.id as id,
        services._is_valid as is_valid
    from services as services
),

final as (
    select
        records.entity as entity,
        records.source as source,
        records.id as id,
        records.is_valid as is_valid
    from records as records
    where records.is_valid = exists (
        select 1
        from validation_errors as validation_errors
        where validation_errors.entity = records.entity
            and validation_errors.source = records.source
            and validation_errors.id = records.id
    )
)

select * from final

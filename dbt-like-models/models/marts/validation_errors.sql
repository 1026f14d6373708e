-- Published copy of int__validation_errors: why a structure or service of
-- this build has `_is_valid = false`, one row per broken v1 rule.
with

final as (
    select
        validation_errors.source::text as source,
        validation_errors.entity::text as entity,
        validation_errors.id::text as id,
        validation_errors.field::text as field,
        validation_errors.rule::text as rule,
        validation_errors.value::text as value
    from {{ ref('int__validation_errors') }} as validation_errors
)

select * from final
order by final.entity, final.source, final.id, final.field, final.rule

-- CD35 theme and audience items that no seed label is close to (same columns
-- as int__unknown_values). An item is known when it is close enough to a seed
-- label (trigram similarity > 0.5, the matching rule), which the staging
-- models decide; the sigle is checked by its mapped_by_seed test.
with

unknown as (
    select
        'thematiques' as field,
        organisation_themes.raw_value,
        organisation_themes.organisation_id as record_key
    from {{ ref('stg_cd35__organisations__thematiques') }} as organisation_themes
    where organisation_themes.label is null
    union all
    select
        'profils' as field,
        organisation_profils.raw_value,
        organisation_profils.organisation_id as record_key
    from {{ ref('stg_cd35__organisations__profils') }} as organisation_profils
    where organisation_profils.label is null
)

select
    'cd35' as source,
    unknown.field,
    unknown.raw_value,
    count(distinct unknown.record_key) as rows
from unknown
group by unknown.field, unknown.raw_value

-- CD35 raw values that no mapping seed knows (same columns as
-- int__unknown_values). A theme or audience item is known when it is close
-- enough to a seed label (trigram similarity > 0.5, the matching rule); a
-- sigle is known when seed map_cd35__sigles lists it, mapped or not.
with

organisations as (
    select * from {{ ref('stg_cd35__organisations') }}
),

organisation_themes as (
    select * from {{ ref('stg_cd35__organisations__thematiques') }}
),

organisation_profils as (
    select * from {{ ref('stg_cd35__organisations__profils') }}
),

map_sigles as (
    select * from {{ ref('map_cd35__sigles') }}
),

unknown as (
    select
        'thematiques' as field,
        organisation_themes.raw_value,
        organisation_themes.organisation_id as record_key
    from organisation_themes
    where organisation_themes.label is null
    union all
    select
        'profils' as field,
        organisation_profils.raw_value,
        organisation_profils.organisation_id as record_key
    from organisation_profils
    where organisation_profils.label is null
    union all
    select
        'sigle' as field,
        organisations.sigle as raw_value,
        organisations.id as record_key
    from organisations
    where organisations.sigle is not null
        and not exists (
            select 1
            from map_sigles
            where map_sigles.raw = organisations.sigle
        )
),

final as (
    select
        'cd35' as source,
        unknown.field,
        unknown.raw_value,
        count(distinct unknown.record_key) as rows
    from unknown
    group by unknown.field, unknown.raw_value
)

select * from final

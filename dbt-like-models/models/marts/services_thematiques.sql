-- One row per (service, thématique): services.thematiques as a table, with
-- the thématique's category, to filter or count services by theme.
with

final as (
    select
        services.id::text as service_id,
        item.value::text as thematique,
        -- NULL when the value is not a v1 thématique (the service is then
        -- invalid); never guessed from the prefix
        v1_thematiques.categorie::text as categorie
    from {{ ref('services') }} as services
    cross join lateral unnest(services.thematiques) as item (value)
    left join {{ ref('v1_thematiques') }} as v1_thematiques
        on v1_thematiques.value = item.value
)

select * from final
order by final.service_id, final.thematique

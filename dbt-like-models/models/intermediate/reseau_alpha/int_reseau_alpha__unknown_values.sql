-- Réseau Alpha raw values of the current formations that no mapping knows
-- (same columns as int__unknown_values): specific-public labels that match no
-- label of seed map_reseau_alpha__publics closely enough (trigram similarity
-- > 0.5), priorities other than exclusif / prioritaire, and weekdays that are
-- not French day names (such a slot is left out of the opening hours).
with

observed as (
    select
        'reseau-alpha' as source,
        'publicSpecifique' as field,
        publics.public_specifique as raw_value,
        publics.formation_id as record_key,
        publics.seed_label is not null as is_known
    from {{ ref('int_reseau_alpha__formations__publics') }} as publics
    union all
    select
        'reseau-alpha' as source,
        'publicSpecifiquePrioritaire' as field,
        publics.priorite as raw_value,
        publics.formation_id as record_key,
        publics.priorite in ('exclusif', 'prioritaire') as is_known
    from {{ ref('int_reseau_alpha__formations__publics') }} as publics
    where publics.priorite is not null
    union all
    select
        'reseau-alpha' as source,
        'joursHorairesDetails.jour' as field,
        coalesce(horaires.jour, '') as raw_value,
        horaires.formation_id as record_key,
        coalesce(
            horaires.jour in ('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'),
            false
        ) as is_known
    from {{ ref('stg_reseau_alpha__formations__horaires') }} as horaires
)

select
    observed.source,
    observed.field,
    observed.raw_value,
    count(distinct observed.record_key) as rows
from observed
where not observed.is_known
group by observed.source, observed.field, observed.raw_value

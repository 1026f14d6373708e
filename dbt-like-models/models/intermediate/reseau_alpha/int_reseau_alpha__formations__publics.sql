-- Each specific public of a current Réseau Alpha formation with the label of
-- seed map_reseau_alpha__publics it matches: labels are typed freely by the
-- structures ("Femme" for "Femmes"), so the closest seed label by trigram
-- similarity wins when the similarity is above 0.5 (sources/reseau-alpha.md
-- §6.1). Accents and case are ignored on both sides. No match: slug and v1
-- are NULL and int_reseau_alpha__unknown_values lists the label.
with

candidates as (
    select
        publics.formation_id,
        publics.position,
        map_publics.raw as seed_label,
        map_publics.slug,
        map_publics.v1,
        similarity(
            lower(unaccent(publics.public_specifique)),
            lower(unaccent(map_publics.raw))
        ) as similarity
    from {{ ref('stg_reseau_alpha__formations__publics') }} as publics
    cross join {{ ref('map_reseau_alpha__publics') }} as map_publics
),

best_matches as (
    select distinct on (candidates.formation_id, candidates.position)
        candidates.*
    from candidates
    where candidates.similarity > 0.5
    order by
        candidates.formation_id,
        candidates.position,
        candidates.similarity desc,
        candidates.seed_label collate "C"
)

select
    publics.formation_id,
    publics.position,
    publics.public_specifique,
    publics.description,
    publics.priorite,
    best_matches.seed_label,
    best_matches.slug,
    best_matches.v1,
    best_matches.similarity
from {{ ref('stg_reseau_alpha__formations__publics') }} as publics
left join best_matches
    on best_matches.formation_id = publics.formation_id
    and best_matches.position = publics.position

-- Branches of a national network share a name pattern, the network's SIRET
-- and website: "Restos du Coeur Lyon" and "Restos du Cœur Villeurbanne" are
-- two structures in two communes. The pair must be a cannot-link, never a
-- match. Failing row: the explanation's total line.
with

explained as (
    select *
    from dedup.explain_structures(
        '{"nom": "Restos du Coeur Lyon", "adresse": "24 rue Rachais", "commune": "Lyon", "code_postal": "69007",
          "code_insee": "69387", "siret": "77564915000019", "site_web": "https://www.restosducoeur.org"}'::jsonb,
        '{"nom": "Les Restos du Cœur - Villeurbanne", "adresse": "24 rue Racine", "commune": "Villeurbanne",
          "code_postal": "69100", "code_insee": "69266", "siret": "77564915000019", "site_web": "restosducoeur.org"}'::jsonb)
)

select *
from explained
where explained.feature = 'total'
    and explained.level <> 'cannot-link'

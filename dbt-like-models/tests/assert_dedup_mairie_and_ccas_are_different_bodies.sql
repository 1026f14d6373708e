-- A town hall and the CCAS of its commune often share the building, the
-- phone and the website, yet they are two bodies: the pair must be a
-- cannot-link (different organisation kinds), never a match. Scored with
-- the same functions as dedup.pairs, on two structures written here, so the
-- test needs no fixture. Failing row: the explanation's total line.
with

explained as (
    select *
    from dedup.explain_structures(
        '{"nom": "Mairie de Bruz", "adresse": "1 place de la Mairie", "commune": "Bruz", "code_postal": "35170",
          "code_insee": "35047", "telephone": "+33299057777", "site_web": "https://www.ville-bruz.fr",
          "longitude": -1.7461, "latitude": 48.0249, "_geocoding_precision": "address"}'::jsonb,
        '{"nom": "Centre communal d''action sociale de Bruz", "adresse": "1 pl. de la Mairie", "commune": "BRUZ",
          "code_postal": "35170", "code_insee": "35047", "telephone": "+33299057777", "site_web": "ville-bruz.fr/ccas",
          "longitude": -1.7462, "latitude": 48.0250, "_geocoding_precision": "address"}'::jsonb)
)

select *
from explained
where explained.feature = 'total'
    and explained.level <> 'cannot-link'

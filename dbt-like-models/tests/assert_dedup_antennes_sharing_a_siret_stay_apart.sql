-- Two antennes of one mission locale report the head office's SIRET, phone
-- and e-mail, but they are distinct structures in different communes: the
-- pair must be a cannot-link, never a match. Failing row: the
-- explanation's total line.
with

explained as (
    select *
    from dedup.explain_structures(
        '{"nom": "Mission locale du Pays de Vitré - antenne de La Guerche", "adresse": "3 rue du Cheval Blanc",
          "commune": "La Guerche-de-Bretagne", "code_postal": "35130", "code_insee": "35125",
          "siret": "41994370600036", "siret_is_shared": true, "telephone": "+33299750777", "telephone_is_shared": true,
          "courriel": "contact@ml-vitre.fr", "courriel_is_shared": true, "_geocoding_precision": "commune",
          "longitude": -1.2306, "latitude": 47.9413}'::jsonb,
        '{"nom": "Mission locale du Pays de Vitré - antenne de Châteaubourg", "adresse": "3 rue du Cheval Blanc",
          "commune": "Châteaubourg", "code_postal": "35220", "code_insee": "35068",
          "siret": "41994370600036", "siret_is_shared": true, "telephone": "+33299750777", "telephone_is_shared": true,
          "courriel": "contact@ml-vitre.fr", "courriel_is_shared": true, "_geocoding_precision": "commune",
          "longitude": -1.4039, "latitude": 48.1108}'::jsonb)
)

select *
from explained
where explained.feature = 'total'
    and explained.level <> 'cannot-link'

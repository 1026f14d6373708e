-- The same establishment listed by two producers: same SIRET, a name
-- written differently ("Association" dropped, accents, case), the same
-- commune, no address on one side. It must be a match. Failing row: the
-- explanation's total line.
with

explained as (
    select *
    from dedup.explain_structures(
        '{"nom": "Association Le Relais Solidarité Emploi", "adresse": "12 avenue du Général de Gaulle",
          "commune": "Saint-Brieuc", "code_postal": "22000", "code_insee": "22278", "siret": "45123456700021"}'::jsonb,
        '{"nom": "LE RELAIS SOLIDARITE EMPLOI", "commune": "ST BRIEUC", "code_postal": "22000", "code_insee": "22278",
          "siret": "45123456700021"}'::jsonb)
)

select *
from explained
where explained.feature = 'total'
    and explained.level <> 'match'

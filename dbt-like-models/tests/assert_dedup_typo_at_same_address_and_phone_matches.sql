-- The same place typed by two producers: a typo in the name, the address
-- abbreviated, the same phone. It must be a match. Failing row: the
-- explanation's total line.
with

explained as (
    select *
    from dedup.explain_structures(
        '{"nom": "Centre social Les Tilleuls", "adresse": "14 boulevard Saint-Michel", "commune": "Angers",
          "code_postal": "49100", "code_insee": "49007", "telephone": "+33241123456",
          "longitude": -0.5432, "latitude": 47.4781, "_geocoding_precision": "address"}'::jsonb,
        '{"nom": "Centre socail Les Tilleuls", "adresse": "14 bd St Michel", "commune": "ANGERS",
          "code_postal": "49100", "code_insee": "49007", "telephone": "+33241123456",
          "longitude": -0.5433, "latitude": 47.4782, "_geocoding_precision": "address"}'::jsonb)
)

select *
from explained
where explained.feature = 'total'
    and explained.level <> 'match'

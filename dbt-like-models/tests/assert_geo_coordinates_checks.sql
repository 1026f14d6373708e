-- Coordinates that coordinates_problem() (sql/migrations/0009), used by
-- int__addresses_enriched, must accept or reject, with the reason. Failing
-- rows: the case, the reason expected (a LIKE pattern) and the one given.
with

cases (label, latitude, longitude, commune_latitude, commune_longitude, code_departement, expected_reason) as (
    values
        ('Rennes, near its commune point', 48.1113, -1.68, 48.1147, -1.6794, '35', null),
        ('no coordinates', null, null, 48.1147, -1.6794, '35', null),
        ('Rennes swapped', -1.68, 48.1113, 48.1147, -1.6794, '35', 'latitude and longitude swapped'),
        ('(0, 0)', 0, 0, 48.1147, -1.6794, '35', 'outside the bounding boxes of France (metropole and overseas)'),
        ('Madrid', 40.4168, -3.7038, null, null, null, 'outside the bounding boxes of France (metropole and overseas)'),
        ('La Réunion, Saint-Denis', -20.8823, 55.4504, -20.932999, 55.446866, '974', null),
        ('La Réunion without a commune', -21.1151, 55.5364, null, null, null, null),
        ('Ajaccio (Corsica)', 41.9192, 8.7386, 41.934684, 8.701103, '2A', null),
        ('Mayotte, Mamoudzou', -12.7806, 45.2278, null, null, null, null),
        ('a latitude alone', 48.1113, null, null, null, null, 'only one of latitude and longitude is given'),
        ('a point in Lyon for an address in Rennes', 45.76, 4.85, 48.1147, -1.6794, '35', 'more than 50 km from the point of the commune of the address (%'),
        ('Maripasoula''s town, 80 km from its commune''s point in Guyane', 3.6406, -54.0297, 2.967406, -53.758259, '973', null)
),

checked as (
    select
        cases.label as label,
        cases.expected_reason as expected_reason,
        coordinates_problem(
            cases.latitude::double precision, cases.longitude::double precision,
            cases.commune_latitude::double precision, cases.commune_longitude::double precision,
            cases.code_departement::text
        ) as reason
    from cases as cases
)

select *
from checked
where case
    when checked.expected_reason is null then checked.reason is not null
    else checked.reason is null or checked.reason not like checked.expected_reason
end

-- Distance between two points on the sphere (haversine, mean Earth radius
-- 6,371,008.8 m), for the API's radius searches. PostGIS's
-- st_dwithin/st_distance on geography are exact on the spheroid but cost
-- about 15 µs a call here; after the spatial index has narrowed the
-- candidates to a bounding box, this plain arithmetic (inlined by the
-- planner, under 1 µs) decides the radius. Over 50 km the sphere and the
-- spheroid differ by less than 0.5 %.
create or replace function public.great_circle_metres(
    latitude_a double precision, longitude_a double precision,
    latitude_b double precision, longitude_b double precision
) returns double precision
language sql immutable strict parallel safe
return 2 * 6371008.8 * asin(sqrt(
    power(sin(radians(latitude_b - latitude_a) / 2), 2)
    + cos(radians(latitude_a)) * cos(radians(latitude_b)) * power(sin(radians(longitude_b - longitude_a) / 2), 2)));

comment on function public.great_circle_metres(double precision, double precision, double precision, double precision) is
    'Great-circle distance in metres (haversine on the mean-radius sphere); the API''s radius test and displayed distance.';

-- The bounding box of France that holds a point, NULL when none does. The
-- boxes are drawn around each territory with a margin of a few kilometres;
-- they hold every commune point of the referential, which a test on
-- ref.communes checks. This function and the next two are single
-- expressions so that the planner inlines them: called once per address, a
-- function call would cost more than the check itself.
create or replace function public.france_bounding_box(latitude double precision, longitude double precision)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when latitude between 41.2 and 51.2 and longitude between -5.3 and 9.7 then 'metropole'  -- Corsica included
    when latitude between 15.8 and 16.6 and longitude between -61.9 and -60.9 then 'guadeloupe'
    when latitude between 14.35 and 14.95 and longitude between -61.3 and -60.75 then 'martinique'
    when latitude between 2.0 and 5.9 and longitude between -54.7 and -51.5 then 'guyane'
    when latitude between -21.45 and -20.8 and longitude between 55.15 and 55.9 then 'la-reunion'
    when latitude between -13.05 and -12.6 and longitude between 44.95 and 45.35 then 'mayotte'
    when latitude between 46.7 and 47.2 and longitude between -56.5 and -56.1 then 'saint-pierre-et-miquelon'
    when latitude between 17.85 and 18.15 and longitude between -63.2 and -62.75 then 'saint-barthelemy-saint-martin'
end
$function$;

comment on function public.france_bounding_box(double precision, double precision) is 'Name of the bounding box of France (metropole, guadeloupe, martinique, guyane, la-reunion, mayotte, saint-pierre-et-miquelon, saint-barthelemy-saint-martin) holding a WGS84 point, NULL outside all of them.';

-- Great-circle distance in kilometres (haversine, mean Earth radius), NULL
-- when a coordinate is missing.
create or replace function public.great_circle_kilometres(
    latitude_1 double precision,
    longitude_1 double precision,
    latitude_2 double precision,
    longitude_2 double precision
)
returns double precision
language sql
immutable
parallel safe
as $function$
select case
    -- least() below ignores NULLs: a missing coordinate must not give 1
    when latitude_1 is null or longitude_1 is null or latitude_2 is null or longitude_2 is null then null
    else 2 * 6371.0088 * asin(least(1, sqrt(
        power(sin(radians(latitude_2 - latitude_1) / 2), 2)
        + cos(radians(latitude_1)) * cos(radians(latitude_2)) * power(sin(radians(longitude_2 - longitude_1) / 2), 2)
    )))
end
$function$;

comment on function public.great_circle_kilometres(double precision, double precision, double precision, double precision) is 'Great-circle (haversine) distance in km between two WGS84 points.';

-- Why a producer's coordinates cannot be used, NULL when they can. The
-- commune's point (and its département, for the distance allowed) are those
-- of the commune resolved from the address; without one, only the boxes are
-- checked. When the point and the commune disagree by more than the distance
-- allowed, the commune wins: it is typed by a person and checked against the
-- postal code, while far-off points are typically a geocoder's homonym.
-- Of the 34,861 town halls of the referential, those beyond 50 km of their
-- commune's point are misplaced, except in Guyane, whose communes are the
-- size of départements (Maripasoula's town hall: 81 km).
create or replace function public.coordinates_problem(
    latitude double precision,
    longitude double precision,
    commune_latitude double precision,
    commune_longitude double precision,
    code_departement text
)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when latitude is null and longitude is null then null
    when latitude is null or longitude is null then 'only one of latitude and longitude is given'
    when public.france_bounding_box(latitude, longitude) is null
        and public.france_bounding_box(longitude, latitude) is not null
        then 'latitude and longitude swapped'
    when public.france_bounding_box(latitude, longitude) is null
        then 'outside the bounding boxes of France (metropole and overseas)'
    when public.great_circle_kilometres(latitude, longitude, commune_latitude, commune_longitude)
        > case when code_departement = '973' then 150 else 50 end
        then 'more than '
            || (case when code_departement = '973' then 150 else 50 end)::text
            || ' km from the point of the commune of the address ('
            || round(public.great_circle_kilometres(latitude, longitude, commune_latitude, commune_longitude)::numeric)::text
            || ' km)'
end
$function$;

comment on function public.coordinates_problem(double precision, double precision, double precision, double precision, text) is 'Why WGS84 coordinates are rejected (one of the pair missing, latitude and longitude swapped, outside France, more than 50 km (Guyane: 150 km) from the commune of the address), NULL when they are usable.';

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

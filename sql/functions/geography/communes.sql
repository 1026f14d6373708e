-- A commune name in the form both sides of a match are reduced to: accents
-- folded, lower case, punctuation and hyphens as single spaces, "st"/"ste"
-- as "saint"/"sainte", a CEDEX suffix or a postal code typed with the name
-- removed, and an arrondissement written as its number ("Paris 11e",
-- "PARIS 11EME" and "Paris 11e Arrondissement" all give "paris 11").
create or replace function public.commune_name_normalized(name text)
returns text
language sql
stable
parallel safe
as $function$
-- one expression, so that the planner inlines it (a call per row costs more
-- than the work; stable as unaccent is, or it would not be inlined); read
-- from the innermost call outwards
select nullif(btrim(regexp_replace(
    -- st, ste → saint, sainte
    regexp_replace(regexp_replace(
        -- an arrondissement as its number
        regexp_replace(
            -- a postal code typed with the name, a CEDEX suffix
            regexp_replace(regexp_replace(
                -- accents folded, lower case, anything but letters and digits as a space
                btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, name)), '[^a-z0-9]+', ' ', 'g')),
                '( cedex| cdx)( [0-9]+)?$', ''), '^[0-9]{5} | [0-9]{5}$', ''),
            ' ([0-9]{1,2}) ?(ieme|eme|er|em|me|e)?( arrondissement| arrdt| arr)?$', ' \1'),
        '\mste\M', 'sainte', 'g'), '\mst\M', 'saint', 'g'),
    ' +', ' ', 'g')), '')
$function$;

comment on function public.commune_name_normalized(text) is 'A commune name reduced for matching: unaccented, lower case, punctuation as spaces, st/ste as saint/sainte, CEDEX and postal code removed, "11e arrondissement" as "11".';

-- The current commune (INSEE code of a COM) of each address, from the
-- producer's code when the referential knows it, else from the postal code
-- and the commune name, else from a postal code that covers one commune only,
-- else from a name that one commune only bears. The three arrays are read in
-- parallel; ordinal is the position in them. The point is that of the row
-- matched (an arrondissement or commune déléguée is more precise than its
-- commune). Set-based so that a whole table resolves in one call. The
-- planner cannot see how long the arrays are and takes them for ten rows:
-- it would nest loops that are quadratic on a real load (139,000 addresses
-- did not finish in 10 minutes) and join the referential with itself before
-- narrowing it to the addresses. So nested loops are off and the joins run
-- in the order written, each starting from the addresses.
create or replace function public.commune_resolution(codes_insee text[], codes_postaux text[], communes text[])
returns table (ordinal bigint, code_insee text, origin text, latitude double precision, longitude double precision)
language sql
stable
-- a parallel worker may not change settings
parallel restricted
set enable_nestloop = off
set join_collapse_limit = 1
as $function$
with

inputs as (
    select
        item.ordinal as ordinal,
        -- spreadsheets drop the leading zero of 01001 or 01000
        case
            when btrim(item.code_insee) ~ '^[0-9]{4}$' then '0' || btrim(item.code_insee)
            else upper(nullif(btrim(item.code_insee), ''))
        end as code_insee,
        case
            when regexp_replace(item.code_postal, '\s', '', 'g') ~ '^[0-9]{4}$'
                then '0' || regexp_replace(item.code_postal, '\s', '', 'g')
            else nullif(regexp_replace(item.code_postal, '\s', '', 'g'), '')
        end as code_postal,
        public.commune_name_normalized(item.commune) as nom_normalise
    from unnest(codes_insee, codes_postaux, communes) with ordinality as item (code_insee, code_postal, commune, ordinal)
),

-- 1. the producer's code: an arrondissement, commune déléguée or associée
-- gives its commune; a commune nouvelle's chef-lieu shares its code with the
-- commune, which wins
by_source_code as (
    select distinct on (inputs.ordinal)
        inputs.ordinal as ordinal,
        communes.code_commune_courante as code_insee,
        communes.latitude as latitude,
        communes.longitude as longitude
    from inputs as inputs
    inner join ref.communes as communes
        on communes.code_insee = inputs.code_insee
    order by inputs.ordinal, communes.type = 'COM' desc
),

-- the communes each postal code covers (an arrondissement's code covers its
-- commune)
postal_code_communes as (
    select distinct
        codes.code_postal as code_postal,
        codes.code_commune_courante as code_commune_courante
    from ref.communes_codes_postaux as codes
),

-- the rows of those communes (the commune, its arrondissements, communes
-- déléguées and associées) the name designates exactly: by their own name,
-- or by their commune's name ("Paris" with 75011 designates every row of
-- Paris, and the 11th arrondissement carries the postal code)
exact_matches as (
    select
        inputs.ordinal as ordinal,
        communes.code_insee as row_code_insee,
        communes.code_commune_courante as code_insee,
        communes.latitude as latitude,
        communes.longitude as longitude,
        communes.type as type,
        true as names_the_row,
        coalesce(inputs.code_postal = any(communes.codes_postaux), false) as carries_postal_code
    from inputs as inputs
    inner join ref.communes as communes
        on communes.nom_normalise = inputs.nom_normalise
    inner join postal_code_communes as postal_code_communes
        on postal_code_communes.code_postal = inputs.code_postal
        and postal_code_communes.code_commune_courante = communes.code_commune_courante
    union all
    select
        inputs.ordinal,
        communes.code_insee,
        communes.code_commune_courante,
        communes.latitude,
        communes.longitude,
        communes.type,
        communes.nom_normalise = inputs.nom_normalise,
        coalesce(inputs.code_postal = any(communes.codes_postaux), false)
    from inputs as inputs
    inner join ref.communes as current_communes
        on current_communes.nom_normalise = inputs.nom_normalise
        and current_communes.type = 'COM'
    inner join postal_code_communes as postal_code_communes
        on postal_code_communes.code_postal = inputs.code_postal
        and postal_code_communes.code_commune_courante = current_communes.code_insee
    inner join ref.communes as communes
        on communes.code_commune_courante = current_communes.code_insee
),

-- only the addresses without an exact match go on to the trigram
-- comparison, the costly part
inexact_inputs as materialized (
    select inputs.*
    from inputs as inputs
    where inputs.nom_normalise is not null
        and inputs.code_postal is not null
        and not exists (
            select 1
            from exact_matches as exact_matches
            where exact_matches.ordinal = inputs.ordinal
        )
),

-- every row of their postal code's communes, compared by trigram
-- similarity of its own name or its commune's
similar_names as (
    select
        inputs.ordinal as ordinal,
        communes.code_insee as row_code_insee,
        communes.code_commune_courante as code_insee,
        communes.latitude as latitude,
        communes.longitude as longitude,
        communes.type as type,
        greatest(
            public.similarity(communes.nom_normalise, inputs.nom_normalise),
            public.similarity(current_communes.nom_normalise, inputs.nom_normalise)
        ) as name_similarity,
        coalesce(inputs.code_postal = any(communes.codes_postaux), false) as carries_postal_code
    from inexact_inputs as inputs
    inner join postal_code_communes as postal_code_communes
        on postal_code_communes.code_postal = inputs.code_postal
    inner join ref.communes as communes
        on communes.code_commune_courante = postal_code_communes.code_commune_courante
    inner join ref.communes as current_communes
        on current_communes.code_insee = communes.code_commune_courante
        and current_communes.type = 'COM'
),

-- 2. the exact name among the communes of the postal code, else the most
-- similar one (pg_trgm similarity >= 0.5); among equals, the row that
-- carries the postal code itself (the arrondissement of 75011), then the row
-- named rather than its commune
by_postal_code_and_name as (
    select distinct on (candidates.ordinal)
        candidates.ordinal as ordinal,
        candidates.code_insee as code_insee,
        candidates.latitude as latitude,
        candidates.longitude as longitude
    from (
        select
            exact_matches.ordinal,
            exact_matches.row_code_insee,
            exact_matches.code_insee,
            exact_matches.latitude,
            exact_matches.longitude,
            exact_matches.type,
            1.0::real as name_similarity,
            exact_matches.carries_postal_code,
            exact_matches.names_the_row
        from exact_matches as exact_matches
        union all
        select
            similar_names.ordinal,
            similar_names.row_code_insee,
            similar_names.code_insee,
            similar_names.latitude,
            similar_names.longitude,
            similar_names.type,
            similar_names.name_similarity,
            similar_names.carries_postal_code,
            false
        from similar_names as similar_names
        where similar_names.name_similarity >= 0.5
    ) as candidates
    order by
        candidates.ordinal,
        candidates.name_similarity desc,
        candidates.carries_postal_code desc,
        candidates.names_the_row desc,
        candidates.type = 'COM' desc,
        candidates.row_code_insee
),

single_commune_postal_codes as (
    select postal_code_communes.code_postal as code_postal
    from postal_code_communes as postal_code_communes
    group by postal_code_communes.code_postal
    having count(*) = 1
),

-- 3. a postal code that covers a single commune, whatever the name says
by_postal_code_only as (
    select distinct on (inputs.ordinal)
        inputs.ordinal as ordinal,
        codes.code_commune_courante as code_insee,
        communes.latitude as latitude,
        communes.longitude as longitude
    from inputs as inputs
    inner join single_commune_postal_codes as single_commune_postal_codes
        on single_commune_postal_codes.code_postal = inputs.code_postal
    inner join ref.communes_codes_postaux as codes
        on codes.code_postal = inputs.code_postal
    inner join ref.communes as communes
        on communes.code_insee = codes.code_insee
        and communes.type = codes.type
    order by inputs.ordinal, codes.code_insee
),

-- 4. a name that a single commune of the country bears (its arrondissements
-- and communes déléguées included), in the postal code's département when
-- there is one
by_name as (
    select distinct on (inputs.ordinal)
        inputs.ordinal as ordinal,
        communes.code_commune_courante as code_insee,
        communes.latitude as latitude,
        communes.longitude as longitude
    from inputs as inputs
    inner join ref.communes as communes
        on communes.nom_normalise = inputs.nom_normalise
    where not exists (
            select 1
            from ref.communes as homonyms
            where homonyms.nom_normalise = inputs.nom_normalise
                and homonyms.code_commune_courante <> communes.code_commune_courante
        )
        and (
            inputs.code_postal is null
            or case
                when inputs.code_postal like '97%' then communes.code_departement = left(inputs.code_postal, 3)
                when inputs.code_postal like '20%' then communes.code_departement in ('2A', '2B')
                else communes.code_departement = left(inputs.code_postal, 2)
            end
        )
    order by inputs.ordinal, communes.type = 'COM' desc, communes.code_insee
)

select
    inputs.ordinal as ordinal,
    coalesce(
        by_source_code.code_insee,
        by_postal_code_and_name.code_insee,
        by_postal_code_only.code_insee,
        by_name.code_insee
    ) as code_insee,
    case
        when by_source_code.ordinal is not null then 'source'
        when by_postal_code_and_name.ordinal is not null then 'postal_code_and_name'
        when by_postal_code_only.ordinal is not null then 'postal_code_only'
        when by_name.ordinal is not null then 'name_only'
        else 'none'
    end as origin,
    coalesce(
        by_source_code.latitude,
        by_postal_code_and_name.latitude,
        by_postal_code_only.latitude,
        by_name.latitude
    ) as latitude,
    coalesce(
        by_source_code.longitude,
        by_postal_code_and_name.longitude,
        by_postal_code_only.longitude,
        by_name.longitude
    ) as longitude
from inputs as inputs
left join by_source_code as by_source_code
    on by_source_code.ordinal = inputs.ordinal
left join by_postal_code_and_name as by_postal_code_and_name
    on by_postal_code_and_name.ordinal = inputs.ordinal
left join by_postal_code_only as by_postal_code_only
    on by_postal_code_only.ordinal = inputs.ordinal
left join by_name as by_name
    on by_name.ordinal = inputs.ordinal
$function$;

comment on function public.commune_resolution(text[], text[], text[]) is 'Current commune (INSEE code), how it was found (source, postal_code_and_name, postal_code_only, name_only, none) and a point inside it, for parallel arrays of producer INSEE codes, postal codes and commune names. Reads ref.communes and ref.communes_codes_postaux.';

-- One address at a time, for queries and tests.
create or replace function public.commune_code_from(code_postal text, commune text)
returns text
language sql
stable
parallel restricted
as $function$
select resolution.code_insee
from public.commune_resolution(array[null::text], array[$1], array[$2]) as resolution
$function$;

comment on function public.commune_code_from(text, text) is 'INSEE code of the current commune of a postal code and commune name (see commune_resolution), NULL when none is found.';

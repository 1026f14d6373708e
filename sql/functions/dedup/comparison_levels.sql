-- Comparison levels: how two structures agree on one feature, as a level of
-- the weights seed (dedup_match_weights), and the conflicts that forbid a
-- link.
--
-- Principles of these functions: README.md beside this file.

-- Name similarity: the better of trigram similarity (robust to reordered or
-- missing words) and, for typing errors, an edit-distance ratio, with or
-- without spaces (a letter swapped with a space: "Mairied e Rieux"). The
-- edit ratio only counts for typos: at most 3 edits, between texts of 8
-- characters or more. Beyond that the texts differ by words, which trigrams
-- judge better ("garage solidaire exemple" and "restaurant solidaire
-- exemple" are 7 edits apart, an edit ratio of 0.75).
create or replace function public.dedup_typo_similarity(edits integer, longest_length integer)
returns double precision
language sql
immutable
parallel safe
as $function$
select case when edits <= 3 then 1.0 - edits::double precision / longest_length else 0.0 end
$function$;

comment on function public.dedup_typo_similarity(integer, integer) is 'The edit ratio 1 - edits / length when the edits are few enough to be a typo (at most 3), else 0.';

create or replace function public.dedup_text_similarity(left_text text, right_text text)
returns double precision
language sql
immutable
parallel safe
as $function$
select case
    when left_text is null or right_text is null then null
    when left_text = right_text then 1.0
    when least(char_length(left_text), char_length(right_text)) < 8 then public.similarity(left_text, right_text)::double precision
    else greatest(
        public.similarity(left_text, right_text)::double precision,
        public.dedup_typo_similarity(
            least(
                public.levenshtein(left(left_text, 255), left(right_text, 255)),
                public.levenshtein(left(replace(left_text, ' ', ''), 255), left(replace(right_text, ' ', ''), 255))),
            greatest(char_length(left_text), char_length(right_text))))
end
$function$;

comment on function public.dedup_text_similarity(text, text) is 'Similarity of two normalized texts in [0, 1]: max of pg_trgm similarity and, for typos (at most 3 edits, texts of 8+ characters), 1 - Levenshtein / length with or without spaces.';

-- Names of two bodies of one kind share their kind words ("Mairie de
-- Lyon", "Mairie de Bron"): they are then compared on what remains. Two
-- empty cores of one kind name the kind's body of the commune: same name.
create or replace function public.dedup_name_similarity(
    left_name text, right_name text, left_core text, right_core text, left_kind text, right_kind text)
returns double precision
language sql
immutable
parallel safe
as $function$
select case
    when left_kind = right_kind and left_core = '' and right_core = '' then 1.0
    when left_kind = right_kind and left_core <> '' and right_core <> '' then public.dedup_text_similarity(left_core, right_core)
    else public.dedup_text_similarity(left_name, right_name)
end
$function$;

comment on function public.dedup_name_similarity(text, text, text, text, text, text) is 'Similarity of two structures'' normalized names, comparing their cores (dedup_name_core) when both are of one organisation kind.';

-- Kinds with one body per commune: its town hall, its CCAS, its CIAS.
create or replace function public.dedup_kind_is_one_per_commune(kind text)
returns boolean
language sql
immutable
parallel safe
as $function$
select coalesce(kind in ('mairie', 'ccas', 'cias'), false)
$function$;

-- Two names that say only their kind (and commune) are the same name, but
-- for a network with several branches in a city ("Restos du Coeur
-- Toulouse" at two addresses) they do not tell the branches apart: level
-- kind_only, whose m and u are given the same commune and different
-- buildings. In one building, or for a one-per-commune kind (then the name
-- is the body's, and org_kind adds same_body_of_commune), they are exact.
create or replace function public.dedup_name_level(
    name_similarity double precision, left_core text, right_core text, left_kind text, right_kind text, is_co_located boolean)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when name_similarity is null then 'missing'
    when left_core = '' and right_core = '' and left_kind = right_kind
        and not public.dedup_kind_is_one_per_commune(left_kind) and not is_co_located then 'kind_only'
    when name_similarity >= 0.999 then 'exact'
    when name_similarity >= 0.9 then 'similar_90'
    when name_similarity >= 0.75 then 'similar_75'
    when name_similarity >= 0.6 then 'similar_60'
    when name_similarity >= 0.45 then 'similar_45'
    else 'different'
end
$function$;

-- Two records of a one-per-commune kind in one commune are that body.
-- This level is the kind agreement given the commune agreement (its m and
-- u are conditional on the same commune, which location already counts).
create or replace function public.dedup_org_kind_level(left_kind text, right_kind text, commune_agreement text)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when left_kind is null or right_kind is null then 'missing'
    when left_kind = right_kind and public.dedup_kind_is_one_per_commune(left_kind) and commune_agreement = 'same' then 'same_body_of_commune'
    when left_kind = right_kind then 'same'
    else 'different'
end
$function$;

-- A SIRET seen in several communes is a head office's, reported by its
-- sites: it says "same organisation", not "same place". Bodies in one
-- building often report one SIRET (a France services run by the commune
-- gives the commune's): at the same address an equal SIRET adds little to
-- what the address already says (level same_co_located, whose m and u are
-- conditional on co-location).
create or replace function public.dedup_siret_level(left_siret text, right_siret text, is_shared boolean, is_co_located boolean)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when left_siret is null or right_siret is null then 'missing'
    when left_siret = right_siret and is_shared then 'same_shared'
    when left_siret = right_siret and is_co_located then 'same_co_located'
    when left_siret = right_siret then 'same'
    when left(left_siret, 9) = left(right_siret, 9) then 'same_siren'
    else 'different_siren'
end
$function$;

-- Phones, e-mails and website domains: equal values are strong evidence
-- unless the value is shared by many records or communes (a national
-- number, a network's site, a head office's mailbox), or the two records
-- are in one building, whose bodies share the switchboard and the site
-- (level same_co_located, conditional on co-location like the SIRET's).
create or replace function public.dedup_contact_level(left_value text, right_value text, is_shared boolean, is_co_located boolean)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when left_value is null or right_value is null then 'missing'
    when left_value = right_value and is_shared then 'same_shared'
    when left_value = right_value and is_co_located then 'same_co_located'
    when left_value = right_value then 'same'
    else 'different'
end
$function$;

-- Same commune: equal INSEE codes, or an arrondissement and its commune;
-- without codes, equal commune names in one département (there are many
-- Saint-Denis); without names, equal postal codes. Different postal codes
-- alone prove nothing: big communes have several.
create or replace function public.dedup_commune_agreement(
    left_code_insee text, right_code_insee text, left_commune_key text, right_commune_key text,
    left_commune text, right_commune text, left_code_postal text, right_code_postal text)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when left_code_insee is not null and right_code_insee is not null then
        case
            when left_code_insee = right_code_insee then 'same'
            when left_commune_key = right_commune_key
                and (left_code_insee = left_commune_key or right_code_insee = right_commune_key) then 'same'
            else 'different'
        end
    when left_commune is not null and right_commune is not null then
        case
            when left_commune <> right_commune then 'different'
            when left(left_code_postal, case when left_code_postal like '97%' then 3 else 2 end)
                <> left(right_code_postal, case when right_code_postal like '97%' then 3 else 2 end) then 'different'
            else 'same'
        end
    when left_code_postal = right_code_postal then 'same'
    else 'missing'
end
$function$;

comment on function public.dedup_commune_agreement(text, text, text, text, text, text, text, text) is 'Whether two structures are in the same commune: same, different or missing (not comparable).';

-- Metres between two points, by the equirectangular approximation: exact
-- to the centimetre at the distances compared here (a few hundred metres)
-- and a tenth of the cost of PostGIS's ST_DistanceSphere.
create or replace function public.dedup_distance_metres(
    left_longitude double precision, left_latitude double precision, right_longitude double precision, right_latitude double precision)
returns double precision
language sql
immutable
parallel safe
as $function$
select 6371008.8 * sqrt(
    power(radians(right_latitude - left_latitude), 2)
    + power(cos(radians((left_latitude + right_latitude) / 2)) * radians(right_longitude - left_longitude), 2))
$function$;

comment on function public.dedup_distance_metres(double precision, double precision, double precision, double precision) is 'Distance in metres between two WGS84 points (equirectangular approximation, for short distances).';

-- Where the two structures are, as one feature: commune, street line and
-- address points say the same thing several times, and adding them as
-- independent features would count one building three times. Communes
-- win over points (coordinates are wrong more often than communes: the
-- town-hall file places Corbeny (02) at the town hall of Tignécourt (88));
-- the same street line and number win over points; points decide when an
-- address is missing or only the street agrees (a long street is not one
-- place). `distance` is NULL unless both points are address-precise: a
-- commune centroid is no evidence of the same building.
create or replace function public.dedup_location_level(
    commune_agreement text, street_similarity double precision, left_number text, right_number text, distance double precision)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when commune_agreement = 'different' then 'different_commune'
    when street_similarity >= 0.7 and left_number is not distinct from right_number then 'same_building'
    when distance <= 30 then 'same_building'
    when distance <= 150 then 'nearby'
    -- the same street, other numbers: nearby unless the points say otherwise
    when street_similarity >= 0.7 and distance is null then 'nearby'
    when commune_agreement = 'same' and (street_similarity is not null or distance is not null) then 'same_commune_elsewhere'
    when commune_agreement = 'same' then 'same_commune'
    else 'unknown'
end
$function$;

comment on function public.dedup_location_level(text, double precision, text, text, double precision) is 'Location agreement of two structures: same_building, nearby, same_commune, same_commune_elsewhere, different_commune or unknown.';

-- Hard conflicts: pairs the clustering never merges across, whatever their
-- score: two bodies of different kinds (a mairie and the CCAS of its
-- commune share address and phone), two legal entities, two communes (the
-- sites of one organisation and the branches of one network are distinct
-- structures).
create or replace function public.dedup_cannot_link_reason(
    org_kind_level text, left_kind text, right_kind text,
    siret_level text, left_siret text, right_siret text,
    location_level text, left_place text, right_place text)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when org_kind_level = 'different' then
        'different bodies: ' || left_kind || ' vs ' || right_kind
    when siret_level = 'different_siren' then
        'different legal entities: SIREN ' || left(left_siret, 9) || ' vs ' || left(right_siret, 9)
    when location_level = 'different_commune' and org_kind_level = 'same' then
        'same network (' || left_kind || ') in different communes: ' || left_place || ' vs ' || right_place
    when location_level = 'different_commune' and siret_level in ('same', 'same_shared') then
        'sites of one organisation (SIRET ' || left_siret || ') in different communes: ' || left_place || ' vs ' || right_place
    when location_level = 'different_commune' then
        'different communes: ' || left_place || ' vs ' || right_place
end
$function$;

comment on function public.dedup_cannot_link_reason(text, text, text, text, text, text, text, text, text) is 'Why a pair may never be merged (different organisation kinds, different SIRENs, different communes), NULL when nothing forbids it.';

-- One more hard conflict: two records of the FINESS registry are two
-- establishments. FINESS gives each health and social establishment its own
-- number, so two FINESS numbers are never one establishment, even when they
-- share a SIRET (the managing body's) and an address (a hospital site holds
-- a CMP, a CATTP and a day hospital, each registered). The other sources do
-- publish the same organisation twice.
create or replace function public.dedup_registry_conflict(left_keys jsonb, right_keys jsonb)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when left_keys ->> 'source' = 'finess' and right_keys ->> 'source' = 'finess' and left_keys ->> 'id' <> right_keys ->> 'id' then
        'two establishments of the FINESS registry (one FINESS number each): ' || (left_keys ->> 'id') || ' vs ' || (right_keys ->> 'id')
end
$function$;

comment on function public.dedup_registry_conflict(jsonb, jsonb) is 'Why two records of one registry (FINESS) are distinct establishments, NULL otherwise; a cannot-link of dedup_score_pair.';

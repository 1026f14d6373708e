-- Duplicate detection of structures (docs/dedup.md): the normalizers that
-- build dedup.structure_keys, the comparison of two structures, the
-- Fellegi–Sunter score, the decision and its reason. The models of the dedup
-- layer and the dedup.explain_* functions call these same functions, so
-- that what an operator reads in an explanation is what the pipeline decided.
--
-- No function takes the rowtype of a model table: the model runner drops and
-- recreates those tables, and a `drop … cascade` would take the functions
-- with it. A structure's keys travel as jsonb (to_jsonb of its row).
--
-- Speed: 100,000 structures and their pairs must be scored in seconds. A
-- LANGUAGE sql function that is not inlined plans the SQL functions it
-- calls again on every call, so the normalizers are single expressions of
-- built-in functions (inlined, or planned once), and the functions that
-- orchestrate many comparisons per pair are PL/pgSQL, whose plans are
-- cached for the session.
create schema if not exists dedup;

comment on schema dedup is 'Duplicate detection of structures: comparison keys, candidate pairs, scored pairs (models of the dedup layer) and the clusters built from them.';

-- Typing errors in names are edit distances more than trigram losses.
create extension if not exists fuzzystrmatch;

-- The dedup.explain_* functions read dedup.structure_keys and the seeds
-- dedup_match_weights and dedup_parameters, which the first refresh
-- creates: their existence is checked at call time.
set local check_function_bodies = off;

-- ---------------------------------------------------------------------------
-- Normalizers (one structure)
-- ---------------------------------------------------------------------------

-- Lower case, accents and ligatures folded (œ → oe), every run of
-- punctuation or spaces becomes one space.
create or replace function public.dedup_fold(value text)
returns text
language sql
immutable
parallel safe
as $function$
select nullif(
    btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, value)), '[^a-z0-9]+', ' ', 'g')),
    ''
)
$function$;

comment on function public.dedup_fold(text) is 'Lower-cased, unaccented text with punctuation turned into single spaces; NULL when nothing is left.';

-- Organisation names: articles, prepositions and legal forms carry no
-- identity ("Association Les Amis de X" = "Les amis de X SARL"); "st"/"ste"
-- are spelt out as in addresses.
create or replace function public.dedup_name(nom text)
returns text
language sql
immutable
parallel safe
as $function$
select nullif(btrim(regexp_replace(
    regexp_replace(
        regexp_replace(
            regexp_replace(public.dedup_fold(nom), '\mste\M', 'sainte', 'g'),
            '\mst\M', 'saint', 'g'),
        '\m(de|du|des|la|le|les|l|d|et|a|au|aux|en|par|pour|sur|dans|chez|un|une|association|asso|assoc|sas|sasu|sarl|eurl|scop|scic|sa|sci|gie|eirl|ei|earl|sem|spl)\M',
        ' ', 'g'),
    ' {2,}', ' ', 'g')), '')
$function$;

comment on function public.dedup_name(text) is 'A structure name for comparison: folded, st/ste spelt out, articles, prepositions and legal forms (association, sarl, sas…) removed.';

-- The kinds of public bodies and networks whose names say what they are,
-- as phrases of dedup_name output (a leading ^ anchors the phrase at the
-- start of the name). The first kind in priority order wins, so the
-- specific kinds come before the ones they are often housed in ("France
-- services de la mairie", "CCAS - Hôtel de ville"). dedup_org_kind and
-- dedup_name_core are generated from this list below.
create or replace function public.dedup_org_kinds()
returns table (priority integer, kind text, phrases text[])
language sql
immutable
parallel safe
as $function$
values
    (1, 'france_services', array['espace france services', 'maison france services', 'france services', 'france service', 'msap', 'maison services public', 'maisons services public', 'maison service public']),
    (2, 'epicerie_sociale', array['epicerie sociale', 'epicerie solidaire', 'epiceries sociales', 'epiceries solidaires']),
    (3, 'restos_du_coeur', array['restos coeur', 'resto coeur', 'restaurants coeur', 'restaurant coeur']),
    (4, 'secours_populaire', array['secours populaire']),
    (5, 'secours_catholique', array['secours catholique', 'caritas']),
    (6, 'croix_rouge', array['croix rouge']),
    (7, 'emmaus', array['emmaus']),
    (8, 'mission_locale', array['mission locale', 'missions locales']),
    (9, 'france_travail', array['france travail', 'pole emploi']),
    (10, 'caf', array['caf', 'caisse allocations familiales']),
    (11, 'cpam', array['cpam', 'caisse primaire assurance maladie']),
    (12, 'cias', array['cias', 'centre intercommunal action sociale']),
    (13, 'ccas', array['ccas', 'centre communal action sociale']),
    (14, 'centre_social', array['centre social culturel', 'centres sociaux culturels', 'centre socioculturel', 'centre social', 'centres sociaux']),
    (15, 'chrs', array['chrs', 'centre hebergement reinsertion sociale']),
    (16, 'ehpad', array['ehpad']),
    (17, 'esat', array['esat', 'etablissement service aide travail']),
    (18, 'cmp', array['cmp', 'centre medico psychologique']),
    (19, 'mdph', array['mdph', 'maison departementale personnes handicapees']),
    (20, 'mediatheque', array['mediatheque', 'mediatheques', 'bibliotheque', 'bibliotheques']),
    (21, 'mairie', array['mairie', 'hotel ville', '^commune'])
$function$;

comment on function public.dedup_org_kinds() is 'Organisation kinds recognised in normalized names: priority (first match wins), kind, phrases of dedup_name output (^ = at the start).';

-- dedup_org_kind: a CASE of substring tests, one line per kind, and
-- dedup_name_core: a chain of replace(), one per phrase, both written from
-- dedup_org_kinds() (ten times faster than regular expressions here). The
-- commune's name is removed twice: replace() skips an occurrence that
-- touches the previous one ("Mairie de Cronce (Cronce)").
do $generate$
declare
    kind_cases text;
    core_expression text := $expression$' ' || coalesce(name_normalized, '') || ' '$expression$;
    listed record;
begin
    select string_agg(format('    when %s then %L', per_kind.tests, per_kind.kind), E'\n' order by per_kind.priority)
    into kind_cases
    from (
        select
            kinds.priority,
            kinds.kind,
            string_agg(
                case
                    when phrase.value like '^%' then format($test$strpos(' ' || name_normalized || ' ', %L) = 1$test$, ' ' || substr(phrase.value, 2) || ' ')
                    else format($test$strpos(' ' || name_normalized || ' ', %L) > 0$test$, ' ' || phrase.value || ' ')
                end,
                ' or ' order by phrase.position) as tests
        from public.dedup_org_kinds() as kinds
        cross join unnest(kinds.phrases) with ordinality as phrase (value, position)
        group by kinds.priority, kinds.kind
    ) as per_kind;

    execute format($definition$
create or replace function public.dedup_org_kind(name_normalized text)
returns text
language sql
immutable
parallel safe
as $function$
select case
%s
end
$function$
$definition$, kind_cases);

    for listed in
        select phrase.value
        from public.dedup_org_kinds() as kinds
        cross join unnest(kinds.phrases) as phrase (value)
        order by char_length(phrase.value) desc, phrase.value
    loop
        core_expression := case
            when listed.value like '^%' then format('regexp_replace(%s, %L, '' '')', core_expression, '^ ' || substr(listed.value, 2) || ' ')
            else format('replace(%s, %L, '' '')', core_expression, ' ' || listed.value || ' ')
        end;
    end loop;

    execute format($definition$
create or replace function public.dedup_name_core(name_normalized text, commune_normalized text)
returns text
language sql
immutable
parallel safe
as $function$
select btrim(regexp_replace(
    replace(replace(%s, coalesce(' ' || commune_normalized || ' ', ' '), ' '), coalesce(' ' || commune_normalized || ' ', ' '), ' '),
    ' {2,}', ' ', 'g'))
$function$
$definition$, core_expression);
end
$generate$;

comment on function public.dedup_org_kind(text) is 'The organisation kind a normalized name states (first of dedup_org_kinds() by priority: mairie, ccas, restos_du_coeur…), NULL when it states none. Generated from dedup_org_kinds() by migration 0010.';

comment on function public.dedup_name_core(text, text) is 'What distinguishes a structure from the others of its kind: the normalized name without any dedup_org_kinds() phrase and without its own commune name ('''' when nothing is left, e.g. "CCAS de Rennes" in Rennes). Generated by migration 0010.';

-- Commune names: normalized like structure names (so that a commune's name
-- can be found in a structure's name: "Mairie de Ver-sur-Mer" → "mairie ver
-- mer"), without CEDEX and arrondissement numbers ("LYON CEDEX 03", "Lyon 3e
-- Arrondissement" → "lyon").
create or replace function public.dedup_commune_name(commune text)
returns text
language sql
immutable
parallel safe
as $function$
select public.dedup_name(regexp_replace(commune, '\mcedex\M.*$|\m[0-9]+(e|er|eme|ème)?\M|\marrondissement\M', ' ', 'gi'))
$function$;

comment on function public.dedup_commune_name(text) is 'A commune name for comparison: dedup_name of it without CEDEX and arrondissement numbers.';

-- Paris, Lyon and Marseille: an arrondissement belongs to its commune.
create or replace function public.dedup_commune_key(code_insee text)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when code_insee ~ '^751(0[1-9]|1[0-9]|20)$' then '75056'
    when code_insee ~ '^6938[1-9]$' then '69123'
    when code_insee ~ '^132(0[1-9]|1[0-6])$' then '13055'
    else nullif(btrim(code_insee), '')
end
$function$;

comment on function public.dedup_commune_key(text) is 'The INSEE code of the commune (an arrondissement of Paris, Lyon or Marseille gives its commune''s code).';

-- Street lines: the abbreviations of the national address base and of
-- hand-typed addresses spelt out, articles dropped, numbers kept
-- ("12B av. du Gal de Gaulle" → "12 bis avenue general gaulle"). Written
-- with built-in functions only (the fold of dedup_fold is repeated here):
-- see the note on speed at the top.
create or replace function public.dedup_address(adresse text)
returns text
language sql
immutable
parallel safe
as $function$
select nullif(array_to_string(array(
    select coalesce(abbreviations.expansions ->> word.value, word.value)
    from unnest(string_to_array(btrim(regexp_replace(regexp_replace(
            lower(public.unaccent('public.unaccent'::regdictionary, adresse)),
            '([0-9])([a-z])', '\1 \2', 'g'), '[^a-z0-9]+', ' ', 'g')), ' ')) with ordinality as word (value, position)
    cross join (
        select '{"av": "avenue", "ave": "avenue", "bd": "boulevard", "bld": "boulevard", "bvd": "boulevard",
                 "boul": "boulevard", "r": "rue", "rte": "route", "st": "saint", "ste": "sainte",
                 "pl": "place", "chem": "chemin", "ch": "chemin", "che": "chemin", "all": "allee",
                 "imp": "impasse", "fg": "faubourg", "fbg": "faubourg", "sq": "square", "crs": "cours",
                 "qu": "quai", "res": "residence", "lot": "lotissement", "bat": "batiment", "pte": "porte",
                 "prom": "promenade", "pass": "passage", "esp": "esplanade", "rpt": "rond point",
                 "mte": "montee", "vla": "villa", "ham": "hameau", "ld": "lieu dit", "za": "zone activite",
                 "zi": "zone industrielle", "gal": "general", "gen": "general", "mal": "marechal",
                 "pdt": "president", "dr": "docteur", "cdt": "commandant", "b": "bis"}'::jsonb as expansions
    ) as abbreviations
    where word.value not in ('de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'et', '')
    order by word.position
), ' '), '')
$function$;

comment on function public.dedup_address(text) is 'A street line for comparison: folded, abbreviations spelt out (av → avenue, bd → boulevard, r → rue, rte → route, st → saint, pl → place, imp → impasse, fg → faubourg…), articles removed, numbers kept.';

create or replace function public.dedup_house_number(address_normalized text)
returns text
language sql
immutable
parallel safe
as $function$
select substring(address_normalized from '^([0-9]+(?: (?:bis|ter|quater))?)\M')
$function$;

comment on function public.dedup_house_number(text) is 'The house number at the start of a normalized street line, with its bis/ter/quater ("12 bis"), NULL when there is none.';

create or replace function public.dedup_street(address_normalized text)
returns text
language sql
immutable
parallel safe
as $function$
select nullif(btrim(regexp_replace(address_normalized, '^[0-9]+( [0-9]+)*( (bis|ter|quater))?\M', '')), '')
$function$;

comment on function public.dedup_street(text) is 'A normalized street line without its leading house number(s).';

-- Websites: the host, without www.; two pages of one site are one site.
create or replace function public.dedup_website_domain(site_web text)
returns text
language sql
immutable
parallel safe
as $function$
select nullif(regexp_replace(
    substring(lower(btrim(site_web)) from '^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#]*@)?([^/:?#]+)'),
    '^www[0-9]*\.|\.$', '', 'g'), '')
$function$;

comment on function public.dedup_website_domain(text) is 'The host of a website URL without a leading www., lower-cased.';

-- The comparison keys of one structure, from its marts fields (SIRET, phone
-- and e-mail come normalized from the marts). Whether a SIRET, phone, e-mail
-- or domain is shared by other records depends on the whole data set:
-- dedup.structure_keys adds it, with the coordinates and their precision.
create or replace function public.dedup_structure_keys(
    nom text, siret text, telephone text, courriel text, site_web text,
    adresse text, commune text, code_postal text, code_insee text,
    out name_normalized text, out org_kind text, out name_core text,
    out siret_normalized text, out siren text,
    out telephone_normalized text, out courriel_normalized text, out website_domain text,
    out code_insee_normalized text, out commune_key text, out commune_normalized text, out code_postal_normalized text,
    out address_normalized text, out house_number text, out street_normalized text)
language plpgsql
immutable
parallel safe
-- about 50 µs a call: telling the planner lets it run 100,000 calls in parallel workers
cost 5000
as $function$
begin
    name_normalized := public.dedup_name(nom);
    commune_normalized := public.dedup_commune_name(commune);
    org_kind := public.dedup_org_kind(name_normalized);
    name_core := public.dedup_name_core(name_normalized, commune_normalized);
    siret_normalized := nullif(btrim(siret), '');
    siren := left(siret_normalized, 9);
    telephone_normalized := nullif(btrim(telephone), '');
    courriel_normalized := nullif(lower(btrim(courriel)), '');
    website_domain := public.dedup_website_domain(site_web);
    code_insee_normalized := nullif(btrim(code_insee), '');
    commune_key := public.dedup_commune_key(code_insee_normalized);
    code_postal_normalized := nullif(btrim(code_postal), '');
    address_normalized := public.dedup_address(adresse);
    house_number := public.dedup_house_number(address_normalized);
    street_normalized := public.dedup_street(address_normalized);
end
$function$;

comment on function public.dedup_structure_keys(text, text, text, text, text, text, text, text, text) is 'The comparison keys of a structure from its marts fields: the normalized columns of dedup.structure_keys.';

-- ---------------------------------------------------------------------------
-- Comparison levels (two structures)
-- ---------------------------------------------------------------------------

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

-- ---------------------------------------------------------------------------
-- Score, decision, reason
-- ---------------------------------------------------------------------------

-- log2(m/u), the Fellegi–Sunter weight of a comparison level.
create or replace function public.dedup_level_weight(m_probability double precision, u_probability double precision)
returns double precision
language sql
immutable
parallel safe
as $function$
select ln(m_probability / u_probability) / ln(2.0)
$function$;

create or replace function public.dedup_prior_log_odds(prior_match_probability double precision)
returns double precision
language sql
immutable
parallel safe
as $function$
select ln(prior_match_probability / (1.0 - prior_match_probability)) / ln(2.0)
$function$;

create or replace function public.dedup_match_probability(match_weight double precision)
returns double precision
language sql
immutable
parallel safe
as $function$
select 1.0 / (1.0 + power(2.0, -match_weight))
$function$;

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

create or replace function public.dedup_decision(match_probability double precision, match_threshold double precision, cannot_link_reason text)
returns text
language sql
immutable
parallel safe
as $function$
select case
    when cannot_link_reason is not null then 'cannot-link'
    when match_probability >= match_threshold then 'match'
    else 'no-match'
end
$function$;

-- One phrase per feature level, for reasons; NULL when the level says
-- nothing worth reading (missing values).
create or replace function public.dedup_feature_phrase(feature text, level text, left_value text, right_value text, detail text)
returns text
language sql
immutable
parallel safe
as $function$
select case feature || ':' || level
    when 'name:exact' then 'same name'
    when 'name:kind_only' then 'same name, only kind and commune (' || left_value || ')'
    when 'name:similar_90' then 'names ' || detail || ' similar'
    when 'name:similar_75' then 'names ' || detail || ' similar'
    when 'name:similar_60' then 'names ' || detail || ' similar'
    when 'name:similar_45' then 'names ' || detail || ' similar'
    when 'name:different' then 'names differ (' || detail || ')'
    when 'org_kind:same' then 'both ' || left_value
    when 'org_kind:same_body_of_commune' then 'the ' || left_value || ' of the commune'
    when 'org_kind:different' then 'different bodies: ' || left_value || ' vs ' || right_value
    when 'siret:same' then 'same SIRET ' || left_value
    when 'siret:same_co_located' then 'same SIRET ' || left_value || ' (one building)'
    when 'siret:same_shared' then 'same SIRET ' || left_value || ', also on other sites'
    when 'siret:same_siren' then 'same SIREN ' || left(left_value, 9) || ', other establishment'
    when 'siret:different_siren' then 'different SIRENs ' || left(left_value, 9) || ' vs ' || left(right_value, 9)
    when 'location:same_building' then 'same address' || coalesce(' (' || detail || ' apart)', '')
    when 'location:nearby' then 'nearby' || coalesce(' (' || detail || ' apart)', ', same street')
    when 'location:same_commune' then 'same commune'
    when 'location:same_commune_elsewhere' then 'same commune, other address' || coalesce(' (' || detail || ' apart)', '')
    when 'location:different_commune' then 'different communes'
    when 'telephone:same' then 'same phone ' || left_value
    when 'telephone:same_co_located' then 'same phone ' || left_value || ' (one building)'
    when 'telephone:same_shared' then 'same phone ' || left_value || ', shared with other sites'
    when 'telephone:different' then 'different phones'
    when 'courriel:same' then 'same e-mail ' || left_value
    when 'courriel:same_co_located' then 'same e-mail ' || left_value || ' (one building)'
    when 'courriel:same_shared' then 'same e-mail ' || left_value || ', shared with other sites'
    when 'courriel:different' then 'different e-mails'
    when 'site_web:same' then 'same website ' || left_value
    when 'site_web:same_co_located' then 'same website ' || left_value || ' (one building)'
    when 'site_web:same_shared' then 'same website ' || left_value || ', shared with other sites'
    when 'site_web:different' then 'different websites'
end
$function$;

comment on function public.dedup_feature_phrase(text, text, text, text, text) is 'A short human phrase for one feature level of a pair (NULL for missing values).';

-- A pair scored, from both structures' keys (a dedup.structure_keys row as
-- jsonb), the weights (feature → level → log2(m/u), see dedup_weights), the
-- prior log2-odds and the match threshold. features maps feature →
-- {level, weight, left, right, detail}. A level the seed lacks gets a NULL
-- weight, and so a NULL match weight, which the tests on dedup.pairs
-- report. dedup.pairs and the explanations both call this.
create or replace function public.dedup_score_pair(
    left_keys jsonb, right_keys jsonb, weights jsonb, prior_log_odds double precision, match_threshold double precision,
    out features jsonb, out match_weight double precision, out match_probability double precision,
    out decision text, out reason text, out cannot_link_reason text)
language plpgsql
immutable
parallel safe
-- about 70 µs a call (see dedup_structure_keys)
cost 7000
as $function$
declare
    feature_names constant text[] := array['name', 'org_kind', 'siret', 'location', 'telephone', 'courriel', 'site_web'];
    name_similarity double precision := public.dedup_name_similarity(
        left_keys ->> 'name_normalized', right_keys ->> 'name_normalized',
        left_keys ->> 'name_core', right_keys ->> 'name_core',
        left_keys ->> 'org_kind', right_keys ->> 'org_kind');
    distance double precision;
    commune_agreement text;
    location_level text;
    is_co_located boolean;
    left_place text := concat_ws(' ', coalesce(left_keys ->> 'code_insee', left_keys ->> 'code_postal'), left_keys ->> 'commune_normalized');
    right_place text := concat_ws(' ', coalesce(right_keys ->> 'code_insee', right_keys ->> 'code_postal'), right_keys ->> 'commune_normalized');
    levels text[];
    left_values text[];
    right_values text[];
    details text[];
    feature_weights double precision[];
begin
    -- a commune centroid is no evidence of the same building
    if left_keys ->> 'geocoding_precision' = 'address' and right_keys ->> 'geocoding_precision' = 'address' then
        distance := public.dedup_distance_metres(
            (left_keys ->> 'longitude')::double precision, (left_keys ->> 'latitude')::double precision,
            (right_keys ->> 'longitude')::double precision, (right_keys ->> 'latitude')::double precision);
    end if;

    commune_agreement := public.dedup_commune_agreement(
        left_keys ->> 'code_insee', right_keys ->> 'code_insee', left_keys ->> 'commune_key', right_keys ->> 'commune_key',
        left_keys ->> 'commune_normalized', right_keys ->> 'commune_normalized', left_keys ->> 'code_postal', right_keys ->> 'code_postal');
    location_level := public.dedup_location_level(
        commune_agreement,
        public.dedup_text_similarity(left_keys ->> 'street_normalized', right_keys ->> 'street_normalized'),
        left_keys ->> 'house_number', right_keys ->> 'house_number', distance);
    is_co_located := location_level in ('same_building', 'nearby');
    levels := array[
        public.dedup_name_level(
            name_similarity, left_keys ->> 'name_core', right_keys ->> 'name_core', left_keys ->> 'org_kind', right_keys ->> 'org_kind', is_co_located),
        public.dedup_org_kind_level(left_keys ->> 'org_kind', right_keys ->> 'org_kind', commune_agreement),
        public.dedup_siret_level(left_keys ->> 'siret', right_keys ->> 'siret', (left_keys ->> 'siret_is_shared')::boolean, is_co_located),
        location_level,
        public.dedup_contact_level(left_keys ->> 'telephone', right_keys ->> 'telephone', (left_keys ->> 'telephone_is_shared')::boolean, is_co_located),
        public.dedup_contact_level(left_keys ->> 'courriel', right_keys ->> 'courriel', (left_keys ->> 'courriel_is_shared')::boolean, is_co_located),
        public.dedup_contact_level(left_keys ->> 'website_domain', right_keys ->> 'website_domain', (left_keys ->> 'website_domain_is_shared')::boolean, is_co_located)];
    left_values := array[
        left_keys ->> 'name_normalized', left_keys ->> 'org_kind', left_keys ->> 'siret',
        concat_ws(': ', left_place, left_keys ->> 'address_normalized'),
        left_keys ->> 'telephone', left_keys ->> 'courriel', left_keys ->> 'website_domain'];
    right_values := array[
        right_keys ->> 'name_normalized', right_keys ->> 'org_kind', right_keys ->> 'siret',
        concat_ws(': ', right_place, right_keys ->> 'address_normalized'),
        right_keys ->> 'telephone', right_keys ->> 'courriel', right_keys ->> 'website_domain'];
    details := array[round(name_similarity::numeric, 2)::text, null, null, round(distance::numeric)::text || ' m', null, null, null];
    feature_weights := array[
        (weights -> 'name' ->> levels[1])::double precision,
        (weights -> 'org_kind' ->> levels[2])::double precision,
        (weights -> 'siret' ->> levels[3])::double precision,
        (weights -> 'location' ->> levels[4])::double precision,
        (weights -> 'telephone' ->> levels[5])::double precision,
        (weights -> 'courriel' ->> levels[6])::double precision,
        (weights -> 'site_web' ->> levels[7])::double precision];

    features := jsonb_build_object(
        'name', jsonb_build_object('level', levels[1], 'weight', feature_weights[1], 'left', left_values[1], 'right', right_values[1], 'detail', details[1]),
        'org_kind', jsonb_build_object('level', levels[2], 'weight', feature_weights[2], 'left', left_values[2], 'right', right_values[2], 'detail', details[2]),
        'siret', jsonb_build_object('level', levels[3], 'weight', feature_weights[3], 'left', left_values[3], 'right', right_values[3], 'detail', details[3]),
        'location', jsonb_build_object('level', levels[4], 'weight', feature_weights[4], 'left', left_values[4], 'right', right_values[4], 'detail', details[4]),
        'telephone', jsonb_build_object('level', levels[5], 'weight', feature_weights[5], 'left', left_values[5], 'right', right_values[5], 'detail', details[5]),
        'courriel', jsonb_build_object('level', levels[6], 'weight', feature_weights[6], 'left', left_values[6], 'right', right_values[6], 'detail', details[6]),
        'site_web', jsonb_build_object('level', levels[7], 'weight', feature_weights[7], 'left', left_values[7], 'right', right_values[7], 'detail', details[7]));
    -- a NULL weight (a level missing from the seed) makes the sum NULL
    match_weight := prior_log_odds + feature_weights[1] + feature_weights[2] + feature_weights[3] + feature_weights[4]
        + feature_weights[5] + feature_weights[6] + feature_weights[7];
    match_probability := public.dedup_match_probability(match_weight);
    cannot_link_reason := public.dedup_cannot_link_reason(
        levels[2], left_values[2], right_values[2], levels[3], left_values[3], right_values[3], levels[4], left_place, right_place);
    decision := public.dedup_decision(match_probability, match_threshold, cannot_link_reason);
    reason := public.dedup_reason(feature_names, levels, feature_weights, left_values, right_values, details,
        decision, cannot_link_reason, match_weight);
end
$function$;

comment on function public.dedup_score_pair(jsonb, jsonb, jsonb, double precision, double precision) is 'Scores two structures'' keys (dedup.structure_keys rows as jsonb): features (feature → level, weight, left, right, detail), match weight and probability, decision, reason, cannot-link reason.';

-- One line: the conflict, or the decision with its weight, then the
-- evidence for and against, most decisive features first (SIRET, name,
-- location, phone, e-mail, website, kind); for a cannot-link, what made
-- the pair look alike.
create or replace function public.dedup_reason(
    features text[], levels text[], feature_weights double precision[], left_values text[], right_values text[], details text[],
    decision text, cannot_link_reason text, match_weight double precision)
returns text
language plpgsql
immutable
parallel safe
as $function$
declare
    evidence_order constant integer[] := array[3, 1, 4, 5, 6, 7, 2];
    feature_index integer;
    phrase text;
    evidence_for text[] := array[]::text[];
    evidence_against text[] := array[]::text[];
begin
    foreach feature_index in array evidence_order loop
        phrase := public.dedup_feature_phrase(
            features[feature_index], levels[feature_index], left_values[feature_index], right_values[feature_index], details[feature_index]);
        if phrase is not null and feature_weights[feature_index] > 0 then
            evidence_for := evidence_for || phrase;
        elsif phrase is not null and feature_weights[feature_index] < 0 then
            evidence_against := evidence_against || phrase;
        end if;
    end loop;
    if decision = 'cannot-link' then
        return cannot_link_reason || coalesce(' (though ' || nullif(array_to_string(evidence_for, ', '), '') || ')', '');
    end if;
    return decision || ' at ' || round(match_weight::numeric, 1)
        || coalesce(': ' || nullif(array_to_string(evidence_for, ', '), ''), '')
        || coalesce('; against: ' || nullif(array_to_string(evidence_against, ', '), ''), '');
end
$function$;

comment on function public.dedup_reason(text[], text[], double precision[], text[], text[], text[], text, text, double precision) is 'One human line explaining a pair''s decision: the conflict, or the decision with its weight, then the evidence for and against.';

-- ---------------------------------------------------------------------------
-- Seeds and explanations
-- ---------------------------------------------------------------------------

-- The weights of the seed as feature → level → weight.
create or replace function public.dedup_weights()
returns jsonb
language sql
stable
parallel safe
as $function$
select jsonb_object_agg(by_feature.feature, by_feature.levels)
from (
    select
        weights.feature,
        jsonb_object_agg(weights.level, public.dedup_level_weight(weights.m_probability::double precision, weights.u_probability::double precision)) as levels
    from seeds.dedup_match_weights as weights
    group by weights.feature
) as by_feature
$function$;

comment on function public.dedup_weights() is 'The seed dedup_match_weights as jsonb: feature → level → log2(m/u).';

create or replace function public.dedup_parameter(parameter_name text)
returns double precision
language sql
stable
parallel safe
as $function$
select parameters.value::double precision
from seeds.dedup_parameters as parameters
where parameters.name = parameter_name
$function$;

comment on function public.dedup_parameter(text) is 'A numeric parameter of the duplicate detection (seed dedup_parameters).';

-- Explanations: one row per feature (the compared normalized values, the
-- level, its weight and a detail: name similarity, distance), then a row
-- 'prior' (the prior log2-odds) and a last row 'total': weight = match
-- weight, level = decision, left_value = match probability, right_value =
-- the reason, detail = the cannot-link reason.
create or replace function dedup.explain_keys(left_keys jsonb, right_keys jsonb)
returns table (feature text, left_value text, right_value text, level text, weight double precision, detail text)
language sql
stable
as $function$
select rows.feature, rows.left_value, rows.right_value, rows.level, rows.weight, rows.detail
from public.dedup_score_pair(
    explain_keys.left_keys, explain_keys.right_keys, public.dedup_weights(),
    public.dedup_prior_log_odds(public.dedup_parameter('prior_match_probability')),
    public.dedup_parameter('match_threshold_probability')) as scored
cross join lateral (
    select
        1 as position,
        array_position(array['name', 'org_kind', 'siret', 'location', 'telephone', 'courriel', 'site_web'], compared.key) as feature_position,
        compared.key as feature,
        compared.value ->> 'left' as left_value,
        compared.value ->> 'right' as right_value,
        compared.value ->> 'level' as level,
        (compared.value ->> 'weight')::double precision as weight,
        compared.value ->> 'detail' as detail
    from jsonb_each(scored.features) as compared
    union all
    select 2, 0, 'prior', null, null, 'prior', public.dedup_prior_log_odds(public.dedup_parameter('prior_match_probability')), null
    union all
    select 3, 0, 'total', round(scored.match_probability::numeric, 4)::text, scored.reason, scored.decision, scored.match_weight, scored.cannot_link_reason
) as rows
order by rows.position, rows.feature_position
$function$;

comment on function dedup.explain_keys(jsonb, jsonb) is 'Explains the score of two structures given their keys (as in dedup.structure_keys): one row per feature, then prior, then total (level = decision, left_value = probability, right_value = reason, detail = cannot-link reason).';

-- Why two structures of the current build are or are not the same, for any
-- two ids of dedup.structure_keys (candidates or not, any order).
create or replace function dedup.explain_pair(left_id text, right_id text)
returns table (feature text, left_value text, right_value text, level text, weight double precision, detail text)
language sql
stable
as $function$
select explained.*
from dedup.structure_keys as left_side
cross join dedup.structure_keys as right_side
cross join lateral dedup.explain_keys(to_jsonb(left_side), to_jsonb(right_side)) as explained
where left_side.id = least(explain_pair.left_id, explain_pair.right_id)
    and right_side.id = greatest(explain_pair.left_id, explain_pair.right_id)
$function$;

comment on function dedup.explain_pair(text, text) is 'Explains the score of two structures of dedup.structure_keys (any order): one row per feature, then prior, then total (level = decision, left_value = probability, right_value = reason, detail = cannot-link reason).';

-- The same explanation for two structures written as marts rows (jsonb with
-- nom, siret, telephone, courriel, site_web, adresse, commune, code_postal,
-- code_insee, longitude, latitude, _geocoding_precision, and optionally the
-- *_is_shared flags of dedup.structure_keys, false when absent). The
-- singular tests assert_dedup_* use it.
create or replace function dedup.structure_keys_of(structure jsonb)
returns jsonb
language sql
stable
as $function$
select jsonb_build_object(
    'id', structure ->> 'id',
    'source', structure ->> 'source',
    'nom', structure ->> 'nom',
    'name_normalized', keys.name_normalized,
    'org_kind', keys.org_kind,
    'name_core', keys.name_core,
    'siret', keys.siret_normalized,
    'siren', keys.siren,
    'siret_is_shared', coalesce((structure ->> 'siret_is_shared')::boolean, false),
    'telephone', keys.telephone_normalized,
    'telephone_is_shared', coalesce((structure ->> 'telephone_is_shared')::boolean, false),
    'courriel', keys.courriel_normalized,
    'courriel_is_shared', coalesce((structure ->> 'courriel_is_shared')::boolean, false),
    'website_domain', keys.website_domain,
    'website_domain_is_shared', coalesce((structure ->> 'website_domain_is_shared')::boolean, false),
    'code_insee', keys.code_insee_normalized,
    'commune_key', keys.commune_key,
    'commune_normalized', keys.commune_normalized,
    'code_postal', keys.code_postal_normalized,
    'address_normalized', keys.address_normalized,
    'house_number', keys.house_number,
    'street_normalized', keys.street_normalized,
    'longitude', (structure ->> 'longitude')::double precision,
    'latitude', (structure ->> 'latitude')::double precision,
    'geocoding_precision', structure ->> '_geocoding_precision')
from public.dedup_structure_keys(
    nom => structure ->> 'nom', siret => structure ->> 'siret', telephone => structure ->> 'telephone',
    courriel => structure ->> 'courriel', site_web => structure ->> 'site_web', adresse => structure ->> 'adresse',
    commune => structure ->> 'commune', code_postal => structure ->> 'code_postal', code_insee => structure ->> 'code_insee') as keys
$function$;

comment on function dedup.structure_keys_of(jsonb) is 'The keys of a structure given as a marts row in jsonb, shaped like a dedup.structure_keys row in jsonb (shared flags from the input, false when absent).';

create or replace function dedup.explain_structures(left_structure jsonb, right_structure jsonb)
returns table (feature text, left_value text, right_value text, level text, weight double precision, detail text)
language sql
stable
as $function$
select *
from dedup.explain_keys(dedup.structure_keys_of(left_structure), dedup.structure_keys_of(right_structure))
$function$;

comment on function dedup.explain_structures(jsonb, jsonb) is 'Explains the score of two structures given as marts rows in jsonb (same output as dedup.explain_pair).';

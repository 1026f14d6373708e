-- Normalizers: the comparison keys of one structure (dedup.structure_keys).
--
-- Principles of these functions: README.md beside this file.

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

comment on function public.dedup_org_kind(text) is 'The organisation kind a normalized name states (first of dedup_org_kinds() by priority: mairie, ccas, restos_du_coeur…), NULL when it states none. Generated from dedup_org_kinds() by the block below it in sql/functions/dedup/normalizers.sql.';

comment on function public.dedup_name_core(text, text) is 'What distinguishes a structure from the others of its kind: the normalized name without any dedup_org_kinds() phrase and without its own commune name ('''' when nothing is left, e.g. "CCAS de Rennes" in Rennes). Generated with dedup_org_kind.';

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

-- Scoring: Fellegi–Sunter match weight of a pair from its features' levels,
-- the probability, the decision.
--
-- Principles of these functions: README.md beside this file.

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
    name_similarity double precision := public.dedup_name_similarity(
        left_keys ->> 'name_normalized', right_keys ->> 'name_normalized',
        left_keys ->> 'name_core', right_keys ->> 'name_core',
        left_keys ->> 'org_kind', right_keys ->> 'org_kind');
    distance double precision;
    commune_agreement text;
    location_level text;
    org_kind_level text;
    siret_level text;
    is_co_located boolean;
    left_place text := concat_ws(' ', coalesce(left_keys ->> 'code_insee', left_keys ->> 'code_postal'), left_keys ->> 'commune_normalized');
    right_place text := concat_ws(' ', coalesce(right_keys ->> 'code_insee', right_keys ->> 'code_postal'), right_keys ->> 'commune_normalized');
    comparisons dedup.feature_comparison[];
    comparison dedup.feature_comparison;
    position integer;
    feature_entries text[] := array[]::text[];
    registry_conflict text;
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
    org_kind_level := public.dedup_org_kind_level(left_keys ->> 'org_kind', right_keys ->> 'org_kind', commune_agreement);
    siret_level := public.dedup_siret_level(
        left_keys ->> 'siret', right_keys ->> 'siret', (left_keys ->> 'siret_is_shared')::boolean, is_co_located);

    -- The features, one row each: (feature, rank among the evidence of a
    -- reason, level, left value, right value, detail, weight). Their weights
    -- are summed in this order; a new feature is one row here, its levels in
    -- the seed dedup_match_weights and its phrase in dedup_feature_phrase.
    comparisons := array[
        ('name', 2, public.dedup_name_level(
            name_similarity, left_keys ->> 'name_core', right_keys ->> 'name_core', left_keys ->> 'org_kind', right_keys ->> 'org_kind', is_co_located),
         left_keys ->> 'name_normalized', right_keys ->> 'name_normalized', round(name_similarity::numeric, 2)::text, null)::dedup.feature_comparison,
        ('org_kind', 7, org_kind_level, left_keys ->> 'org_kind', right_keys ->> 'org_kind', null, null)::dedup.feature_comparison,
        ('siret', 1, siret_level, left_keys ->> 'siret', right_keys ->> 'siret', null, null)::dedup.feature_comparison,
        ('location', 3, location_level,
         concat_ws(': ', left_place, left_keys ->> 'address_normalized'), concat_ws(': ', right_place, right_keys ->> 'address_normalized'),
         round(distance::numeric)::text || ' m', null)::dedup.feature_comparison,
        ('telephone', 4, public.dedup_contact_level(
            left_keys ->> 'telephone', right_keys ->> 'telephone', (left_keys ->> 'telephone_is_shared')::boolean, is_co_located),
         left_keys ->> 'telephone', right_keys ->> 'telephone', null, null)::dedup.feature_comparison,
        ('courriel', 5, public.dedup_contact_level(
            left_keys ->> 'courriel', right_keys ->> 'courriel', (left_keys ->> 'courriel_is_shared')::boolean, is_co_located),
         left_keys ->> 'courriel', right_keys ->> 'courriel', null, null)::dedup.feature_comparison,
        ('site_web', 6, public.dedup_contact_level(
            left_keys ->> 'website_domain', right_keys ->> 'website_domain', (left_keys ->> 'website_domain_is_shared')::boolean, is_co_located),
         left_keys ->> 'website_domain', right_keys ->> 'website_domain', null, null)::dedup.feature_comparison];

    match_weight := prior_log_odds;
    for position in 1 .. array_length(comparisons, 1) loop
        comparison := comparisons[position];
        comparison.weight := (weights -> comparison.feature ->> comparison.level)::double precision;
        comparisons[position].weight := comparison.weight;
        -- a NULL weight (a level missing from the seed) makes the sum NULL
        match_weight := match_weight + comparison.weight;
        -- written as json text and parsed once: merging jsonb values feature
        -- by feature doubled the cost of a pair
        feature_entries := feature_entries || (to_json(comparison.feature)::text || ':' || json_build_object(
            'level', comparison.level, 'weight', comparison.weight,
            'left', comparison.left_value, 'right', comparison.right_value, 'detail', comparison.detail)::text);
    end loop;
    features := ('{' || array_to_string(feature_entries, ',') || '}')::jsonb;
    match_probability := public.dedup_match_probability(match_weight);
    cannot_link_reason := public.dedup_cannot_link_reason(
        org_kind_level, left_keys ->> 'org_kind', right_keys ->> 'org_kind',
        siret_level, left_keys ->> 'siret', right_keys ->> 'siret', location_level, left_place, right_place);
    decision := public.dedup_decision(match_probability, match_threshold, cannot_link_reason);
    reason := public.dedup_reason(comparisons, decision, cannot_link_reason, match_weight);
    -- a registry's two numbers are two establishments whatever the score says
    registry_conflict := public.dedup_registry_conflict(left_keys, right_keys);
    if cannot_link_reason is null and registry_conflict is not null then
        cannot_link_reason := registry_conflict;
        decision := 'cannot-link';
        reason := registry_conflict || '; scored ' || reason;
    end if;
end
$function$;

comment on function public.dedup_score_pair(jsonb, jsonb, jsonb, double precision, double precision) is 'Scores two structures'' keys (dedup.structure_keys rows as jsonb): features (feature → level, weight, left, right, detail), match weight and probability, decision, reason, cannot-link reason (kinds, SIRENs, communes, registry).';


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

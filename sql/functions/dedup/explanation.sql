-- Explanation: a pair's decision in words, and the dedup.explain_* functions
-- an operator calls.
--
-- Principles of these functions: README.md beside this file.

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

-- One line: the conflict, or the decision with its weight, then the
-- evidence for and against, most decisive features first (each feature's
-- evidence rank: SIRET, name, location, phone, e-mail, website, kind); for a
-- cannot-link, what made the pair look alike.
create or replace function public.dedup_reason(
    comparisons dedup.feature_comparison[], decision text, cannot_link_reason text, match_weight double precision)
returns text
language plpgsql
immutable
parallel safe
as $function$
declare
    position_of_rank integer[] := array[]::integer[];
    position integer;
    comparison dedup.feature_comparison;
    phrase text;
    evidence_for text[] := array[]::text[];
    evidence_against text[] := array[]::text[];
begin
    -- a handful of features: placed by rank here, cheaper than a sorting query
    for position in 1 .. coalesce(array_length(comparisons, 1), 0) loop
        position_of_rank[comparisons[position].evidence_rank] := position;
    end loop;
    foreach position in array position_of_rank loop
        continue when position is null;
        comparison := comparisons[position];
        phrase := public.dedup_feature_phrase(
            comparison.feature, comparison.level, comparison.left_value, comparison.right_value, comparison.detail);
        if phrase is not null and comparison.weight > 0 then
            evidence_for := evidence_for || phrase;
        elsif phrase is not null and comparison.weight < 0 then
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

comment on function public.dedup_reason(dedup.feature_comparison[], text, text, double precision) is 'One human line explaining a pair''s decision: the conflict, or the decision with its weight, then the evidence for and against in the features'' evidence ranks.';

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

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

-- The scoring of migration 0010 stays as it is, under a new name; the
-- public name adds the registry conflict to its cannot-link reasons, so
-- dedup.pairs and the explanations (dedup.explain_keys, explain_pair) keep
-- calling one function.
alter function public.dedup_score_pair(jsonb, jsonb, jsonb, double precision, double precision)
    rename to dedup_score_pair_features;

comment on function public.dedup_score_pair_features(jsonb, jsonb, jsonb, double precision, double precision) is 'The feature scoring of a pair (migration 0010): features, match weight and probability, decision, reason, cannot-link reason from kinds, SIRENs and communes. Called through dedup_score_pair.';

create function public.dedup_score_pair(
    left_keys jsonb, right_keys jsonb, weights jsonb, prior_log_odds double precision, match_threshold double precision,
    out features jsonb, out match_weight double precision, out match_probability double precision,
    out decision text, out reason text, out cannot_link_reason text)
language plpgsql
immutable
parallel safe
cost 7000
as $function$
declare
    registry_conflict text := public.dedup_registry_conflict(left_keys, right_keys);
begin
    select scored.features, scored.match_weight, scored.match_probability, scored.decision, scored.reason, scored.cannot_link_reason
    into features, match_weight, match_probability, decision, reason, cannot_link_reason
    from public.dedup_score_pair_features(left_keys, right_keys, weights, prior_log_odds, match_threshold) as scored;
    if cannot_link_reason is null and registry_conflict is not null then
        cannot_link_reason := registry_conflict;
        decision := 'cannot-link';
        reason := registry_conflict || '; scored ' || reason;
    end if;
end
$function$;

comment on function public.dedup_score_pair(jsonb, jsonb, jsonb, double precision, double precision) is 'Scores two structures'' keys (dedup.structure_keys rows as jsonb): features (feature → level, weight, left, right, detail), match weight and probability, decision, reason, cannot-link reason (kinds, SIRENs, communes, registry).';

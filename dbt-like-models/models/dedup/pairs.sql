-- Every candidate pair within one commune (or where communes are not
-- comparable) scored with the Fellegi–Sunter model of the seed
-- dedup_match_weights (docs/dedup.md): its features (feature → level,
-- weight, compared values), match weight and probability, the decision
-- (match, no-match, cannot-link) and a one-line reason, all computed by
-- public.dedup_score_pair (sql/functions/dedup/scoring.sql), which dedup.explain_pair calls
-- too. The clustering reads this table.
with

-- pairs across two communes are cannot-links by rule, not scored
candidate_pairs as (
    select * from {{ ref('candidate_pairs') }}
    where not is_across_communes
),

-- read twice (left and right): not materialized, so that the scan can
-- run in parallel workers
structure_keys as not materialized (
    select * from {{ ref('structure_keys') }}
),

-- the same map as public.dedup_weights(), from the seed this model depends on
weights as (
    select jsonb_object_agg(by_feature.feature, by_feature.levels) as weights
    from (
        select
            match_weights.feature,
            jsonb_object_agg(
                match_weights.level,
                public.dedup_level_weight(match_weights.m_probability::double precision, match_weights.u_probability::double precision)
            ) as levels
        from {{ ref('dedup_match_weights') }} as match_weights
        group by match_weights.feature
    ) as by_feature
),

settings as (
    select
        public.dedup_prior_log_odds(max(parameters.value::double precision) filter (where parameters.name = 'prior_match_probability')) as prior_log_odds,
        max(parameters.value::double precision) filter (where parameters.name = 'match_threshold_probability') as match_threshold
    from {{ ref('dedup_parameters') }} as parameters
),

-- each side's keys go to the scoring function as jsonb (to_jsonb of its
-- structure_keys row)
final as (
    select
        candidate_pairs.left_id::text as left_id,
        candidate_pairs.right_id::text as right_id,
        left_keys.source::text as left_source,
        right_keys.source::text as right_source,
        candidate_pairs.blocking_rules::text[] as blocking_rules,
        scored.features::jsonb as features,
        scored.match_weight::double precision as match_weight,
        scored.match_probability::double precision as match_probability,
        scored.decision::text as decision,
        scored.reason::text as reason,
        scored.cannot_link_reason::text as cannot_link_reason
    from candidate_pairs
    inner join structure_keys as left_keys
        on left_keys.id = candidate_pairs.left_id
    inner join structure_keys as right_keys
        on right_keys.id = candidate_pairs.right_id
    -- weights and settings as scalar subqueries: computed once, and passed
    -- to the parallel workers that score the pairs
    cross join lateral public.dedup_score_pair(
        to_jsonb(left_keys), to_jsonb(right_keys),
        (select weights.weights from weights),
        (select settings.prior_log_odds from settings),
        (select settings.match_threshold from settings)) as scored
)

select * from final

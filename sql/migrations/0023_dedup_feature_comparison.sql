-- One feature's comparison of a pair of structures, as the scoring
-- (sql/functions/dedup/scoring.sql) lists them, one row per feature: the
-- feature, its rank among the evidence a reason names, the level reached,
-- both values, a detail (similarity, distance) and the weight of the level.
create type dedup.feature_comparison as (
    feature text,
    evidence_rank integer,
    level text,
    left_value text,
    right_value text,
    detail text,
    weight double precision
);

comment on type dedup.feature_comparison is 'One feature''s comparison of a pair of structures: feature, evidence rank in reasons, level, left and right values, detail, weight (dedup_score_pair, dedup_reason).';

-- The reason used to take each of those as a parallel array.
drop function if exists public.dedup_reason(text[], text[], double precision[], text[], text[], text[], text, text, double precision);

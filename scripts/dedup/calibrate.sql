-- Counts behind the m and u probabilities of the seed dedup_match_weights,
-- the prior and the match threshold (docs/dedup.md, "How m, u and the
-- threshold were estimated"), from a generated data set and its truth file:
--
--   warehouse generate --out DIR --seed 101 --scale 1
--   warehouse refresh --snapshots DIR --database-url URL
--   psql URL -v truth_file=DIR/truth.csv -f scripts/dedup/calibrate.sql
--
-- Prints counts per feature level; the seed's m and u are (count + 1) /
-- (pairs + levels of the feature). Never run it on the evaluation seed.
-- random_pairs draws (default 300000) give about half as many distinct
-- pairs of different entities (-v random_pairs=N to change).
-- Takes about two minutes at scale 1 (every pair of one commune is scored).

\set ON_ERROR_STOP on
\if :{?random_pairs}
\else
\set random_pairs 300000
\endif

create temporary table truth (source text, native_id text, entity text);
\set copy_command '\\copy truth from ' :'truth_file' ' with (format csv, header true)'
:copy_command

create temporary table truth_ids as
select source || '--' || native_id as id, entity from truth;
create index on truth_ids (id);
analyze truth_ids;

create temporary table scoring as
select public.dedup_weights() as weights,
    public.dedup_prior_log_odds(public.dedup_parameter('prior_match_probability')) as prior_log_odds,
    public.dedup_parameter('match_threshold_probability') as match_threshold;

create temporary table keyed as
select keys.id, keys.commune_key, to_jsonb(keys) as keys, truth_ids.entity,
    row_number() over (order by keys.id) as n
from dedup.structure_keys as keys
inner join truth_ids on truth_ids.id = keys.id;

-- every candidate pair (those across two communes too, which dedup.pairs
-- leaves out) scored, with its truth and its level per feature
create temporary table labelled_pairs as
select candidates.left_id, candidates.right_id, scored.match_weight, scored.decision,
    l.entity = r.entity as is_true_pair,
    scored.features -> 'location' ->> 'level' = 'same_building' as is_co_located,
    feature.key as feature, feature.value ->> 'level' as level
from dedup.candidate_pairs as candidates
inner join keyed as l on l.id = candidates.left_id
inner join keyed as r on r.id = candidates.right_id
cross join scoring
cross join lateral public.dedup_score_pair(l.keys, r.keys, scoring.weights, scoring.prior_log_odds, scoring.match_threshold) as scored
cross join lateral jsonb_each(scored.features) as feature;

-- u of location: random pairs of structures of different entities (candidate
-- pairs were chosen by blocking for being alike and would understate u)
create temporary table random_pair_levels as
with draws as (
    select distinct 1 + floor(random() * (select count(*) from keyed))::bigint as a,
        1 + floor(random() * (select count(*) from keyed))::bigint as b
    from generate_series(1, :random_pairs)
)
select feature.key as feature, feature.value ->> 'level' as level
from draws
inner join keyed as l on l.n = draws.a
inner join keyed as r on r.n = draws.b
cross join scoring
cross join lateral public.dedup_score_pair(l.keys, r.keys, scoring.weights, scoring.prior_log_odds, scoring.match_threshold) as scored
cross join lateral jsonb_each(scored.features) as feature
where draws.a < draws.b and l.entity <> r.entity;

-- u of the other features: every pair of one commune of different entities
-- (a pair of two communes is a cannot-link and never weighed; location's u
-- carries the chance of sharing a commune)
create temporary table same_commune_pair_levels as
select scored.features -> 'location' ->> 'level' = 'same_building' as is_co_located,
    feature.key as feature, feature.value ->> 'level' as level
from keyed as l
inner join keyed as r on r.commune_key = l.commune_key and l.id < r.id and l.entity <> r.entity
cross join scoring
cross join lateral public.dedup_score_pair(l.keys, r.keys, scoring.weights, scoring.prior_log_odds, scoring.match_threshold) as scored
cross join lateral jsonb_each(scored.features) as feature;

\echo 'prior: true pairs among all pairs; true pairs that are candidates'
select true_pairs, all_pairs, true_pairs::float8 / all_pairs as prior_match_probability,
    (select count(*) from labelled_pairs where is_true_pair and feature = 'name') as true_candidate_pairs
from (select sum(n * (n - 1) / 2) as true_pairs from (select count(*) as n from truth_ids group by entity) as entities) as t,
    (select count(*) * (count(*) - 1) / 2 as all_pairs from truth_ids) as a;

\echo 'counts per level: true candidates (m), non-matching pairs of one commune (u), random pairs (u of location)'
with m as (
    select feature, level, count(*) as true_candidates from labelled_pairs where is_true_pair group by 1, 2
),
u as (
    select feature, level, count(*) as same_commune_non_matches from same_commune_pair_levels group by 1, 2
),
r as (
    select feature, level, count(*) as random_non_matches from random_pair_levels group by 1, 2
)
select feature, level, coalesce(true_candidates, 0) as true_candidates,
    coalesce(same_commune_non_matches, 0) as same_commune_non_matches, coalesce(random_non_matches, 0) as random_non_matches
from m full join u using (feature, level) full join r using (feature, level)
order by feature, level;

\echo 'conditional *_co_located levels: counts among pairs in one building'
select feature, level,
    (select count(*) from labelled_pairs as t where t.is_true_pair and t.is_co_located and t.feature = levels.feature and t.level = levels.level) as true_candidates_in_one_building,
    (select count(*) from same_commune_pair_levels as u where u.is_co_located and u.feature = levels.feature and u.level = levels.level) as non_matches_in_one_building
from (select distinct feature, level from labelled_pairs where feature in ('siret', 'telephone', 'courriel', 'site_web')) as levels
order by 1, 2;

\echo 'threshold: pairwise precision and recall of "match weight >= w" among scored candidates (cannot-links excluded)'
with scored as (
    select match_weight, is_true_pair from labelled_pairs where feature = 'name' and decision <> 'cannot-link'
),
true_pairs as (
    select sum(n * (n - 1) / 2) as all_true from (select count(*) as n from truth_ids group by entity) as entities
)
select w, count(*) filter (where is_true_pair) as true_matches, count(*) filter (where not is_true_pair) as false_matches,
    round((count(*) filter (where is_true_pair))::numeric / nullif(count(*), 0), 4) as precision,
    round((count(*) filter (where is_true_pair))::numeric / max(all_true), 4) as recall
from generate_series(-4, 6, 0.25) as w cross join true_pairs
left join scored on scored.match_weight >= w
group by w order by w;

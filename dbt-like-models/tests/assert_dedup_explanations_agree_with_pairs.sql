-- dedup.explain_keys (behind dedup.explain_pair) must say what dedup.pairs
-- decided: same decision, same match weight, same reason. Checked on up to
-- 2,000 pairs chosen by a hash of their ids (all pairs of a small build).
-- Failing rows: the pairs whose explanation differs.
with

pairs as (
    select * from {{ ref('pairs') }}
),

structure_keys as (
    select * from {{ ref('structure_keys') }}
),

sampled_pairs as (
    select pairs.*
    from pairs as pairs
    order by md5(pairs.left_id || ' ' || pairs.right_id)
    limit 2000
),

explained as (
    select
        sampled_pairs.left_id as left_id,
        sampled_pairs.right_id as right_id,
        sampled_pairs.decision as decision,
        sampled_pairs.match_weight as match_weight,
        sampled_pairs.reason as reason,
        total.level as explained_decision,
        total.weight as explained_weight,
        total.right_value as explained_reason
    from sampled_pairs as sampled_pairs
    inner join structure_keys as left_keys
        on left_keys.id = sampled_pairs.left_id
    inner join structure_keys as right_keys
        on right_keys.id = sampled_pairs.right_id
    cross join lateral dedup.explain_keys(to_jsonb(left_keys), to_jsonb(right_keys)) as total
    where total.feature = 'total'
)

select *
from explained
where explained.explained_decision is distinct from explained.decision
    or abs(explained.explained_weight - explained.match_weight) > 1e-9
    or explained.explained_reason is distinct from explained.reason

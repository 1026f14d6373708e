-- A pair of structures appears once in dedup.candidate_pairs and once in
-- dedup.pairs (the runner's unique test takes one column). Failing rows:
-- the repeated pairs.
with

candidate_pairs as (
    select * from {{ ref('candidate_pairs') }}
),

pairs as (
    select * from {{ ref('pairs') }}
),

repeated as (
    select 'candidate_pairs' as model, candidate_pairs.left_id as left_id, candidate_pairs.right_id as right_id, count(*) as occurrences
    from candidate_pairs as candidate_pairs
    group by candidate_pairs.left_id, candidate_pairs.right_id
    having count(*) > 1

    union all

    select 'pairs', pairs.left_id, pairs.right_id, count(*)
    from pairs as pairs
    group by pairs.left_id, pairs.right_id
    having count(*) > 1
)

select * from repeated

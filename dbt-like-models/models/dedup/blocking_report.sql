-- What the blocking did, per rule: records with a key, blocks, the blocks
-- skipped for exceeding max_block_size (and the largest of them), and the
-- candidate pairs each rule proposed; a last row 'all rules' gives the
-- distinct pairs and pairs per structure. Read it to check that candidate
-- generation stays linear in the record count.
with

-- every rule has a row, even when none of its keys is shared
rules as (
    select rule.name as rule
    from (
        values ('same_siret'), ('same_siren_same_commune'), ('same_phone'), ('same_email'),
            ('similar_name_same_commune'), ('nearby_point')
    ) as rule (name)
),

structure_count as (
    select count(*) as structures from {{ ref('structure_keys') }} as structure_keys
),

-- each block of n records has n rows in blocking_keys: the sum of 1/n over
-- a rule's rows counts its blocks without grouping 500,000 keys
per_rule_blocks as (
    select
        blocking_keys.rule,
        count(*) as keyed_records,
        round(sum(1.0 / blocking_keys.block_size)) as blocks,
        round(coalesce(sum(1.0 / blocking_keys.block_size) filter (where blocking_keys.is_skipped), 0)) as skipped_blocks,
        count(*) filter (where blocking_keys.is_skipped) as records_in_skipped_blocks,
        (array_agg(blocking_keys.block_key || ' (' || blocking_keys.block_size || ')' order by blocking_keys.block_size desc, blocking_keys.block_key)
            filter (where blocking_keys.is_skipped))[1] as largest_skipped_block
    from {{ ref('blocking_keys') }} as blocking_keys
    group by blocking_keys.rule
),

per_rule_pairs as (
    select
        rule.value as rule,
        count(*) as candidate_pairs,
        count(*) filter (where candidate_pairs.is_across_communes) as pairs_across_communes
    from {{ ref('candidate_pairs') }} as candidate_pairs
    cross join lateral unnest(candidate_pairs.blocking_rules) as rule (value)
    group by rule.value
),

final as (
    select
        rules.rule::text as rule,
        structure_count.structures::bigint as structures,
        coalesce(per_rule_blocks.keyed_records, 0)::bigint as keyed_records,
        coalesce(per_rule_blocks.blocks, 0)::bigint as blocks,
        coalesce(per_rule_blocks.skipped_blocks, 0)::bigint as skipped_blocks,
        coalesce(per_rule_blocks.records_in_skipped_blocks, 0)::bigint as records_in_skipped_blocks,
        per_rule_blocks.largest_skipped_block::text as largest_skipped_block,
        coalesce(per_rule_pairs.candidate_pairs, 0)::bigint as candidate_pairs,
        coalesce(per_rule_pairs.pairs_across_communes, 0)::bigint as pairs_across_communes,
        round(coalesce(per_rule_pairs.candidate_pairs, 0)::numeric / nullif(structure_count.structures, 0), 3)::double precision as pairs_per_structure
    from rules
    left join per_rule_blocks
        on per_rule_blocks.rule = rules.rule
    left join per_rule_pairs
        on per_rule_pairs.rule = rules.rule
    cross join structure_count

    union all

    select
        'all rules',
        structure_count.structures,
        null,
        null,
        (select coalesce(sum(per_rule_blocks.skipped_blocks), 0) from per_rule_blocks),
        null,
        null,
        (select count(*) from {{ ref('candidate_pairs') }} as candidate_pairs),
        (select count(*) from {{ ref('candidate_pairs') }} as candidate_pairs where candidate_pairs.is_across_communes),
        round((select count(*) from {{ ref('candidate_pairs') }} as candidate_pairs)::numeric / nullif(structure_count.structures, 0), 3)::double precision
    from structure_count
)

select * from final
order by final.rule = 'all rules', final.rule

-- Candidate pairs of structures (left_id < right_id) and the blocking rules
-- that proposed each (docs/dedup.md). Every rule joins records sharing an
-- equality key of dedup.blocking_keys (the proximity rule too: grid
-- cells), so the work grows with the block sizes, not with the square of
-- the record count; name similarity and distance are then filters on those
-- few pairs, never a join condition.
with

-- read twice (left and right): not materialized, so that the planner
-- sees the table and its statistics (a materialized CTE has none, and the
-- planner then considered joining all structures with all structures)
structure_keys as not materialized (
    select * from {{ ref('structure_keys') }}
),

settings as (
    select
        max(parameters.value::double precision) filter (where parameters.name = 'name_blocking_min_similarity') as name_blocking_min_similarity,
        max(parameters.value::double precision) filter (where parameters.name = 'proximity_blocking_metres') as proximity_blocking_metres,
        max(parameters.value::double precision) filter (where parameters.name = 'proximity_min_name_similarity') as proximity_min_name_similarity
    from {{ ref('dedup_parameters') }} as parameters
),

kept_keys as (
    select
        blocking_keys.id,
        blocking_keys.rule,
        -- joined and sorted in the "C" collation (byte order, the cheapest)
        blocking_keys.block_key collate "C" as block_key,
        blocking_keys.commune_code_known
    from {{ ref('blocking_keys') }} as blocking_keys
    where not blocking_keys.is_skipped
),

-- materialized: the filters below join each pair to both structures, and
-- the planner must start from these pairs
equality_pairs as materialized (
    select distinct left_side.id as left_id, right_side.id as right_id, left_side.rule as rule
    from kept_keys as left_side
    inner join kept_keys as right_side
        on right_side.rule = left_side.rule
        and right_side.block_key = left_side.block_key
        and right_side.id > left_side.id
        -- a postal-code block pairs a record without commune code with the others
        and (left_side.block_key not like 'cp:%' or not (left_side.commune_code_known and right_side.commune_code_known))
),

-- the rules' filters on the pairs of their blocks: commune-scoped rules
-- drop pairs whose communes are known to differ (a postal code spans
-- several communes), a shared name word needs similar names, a shared
-- grid cell needs the points within the radius and some name similarity
kept_pairs as (
    select
        equality_pairs.left_id,
        equality_pairs.right_id,
        equality_pairs.rule,
        -- two communes: a cannot-link whatever the scores (network branches
        -- and antennes share a head office's SIRET, phone or e-mail), so the
        -- pair is kept here, counted, and not scored; the clustering
        -- refuses such merges itself (ConstrainedUnionFind)
        public.dedup_commune_agreement(
            left_keys.code_insee, right_keys.code_insee, left_keys.commune_key, right_keys.commune_key,
            left_keys.commune_normalized, right_keys.commune_normalized, left_keys.code_postal, right_keys.code_postal) = 'different'
            as is_across_communes
    from equality_pairs
    inner join structure_keys as left_keys
        on left_keys.id = equality_pairs.left_id
    inner join structure_keys as right_keys
        on right_keys.id = equality_pairs.right_id
    cross join settings
    where case equality_pairs.rule
        when 'similar_name_same_commune' then
            public.dedup_commune_agreement(
                left_keys.code_insee, right_keys.code_insee, left_keys.commune_key, right_keys.commune_key,
                left_keys.commune_normalized, right_keys.commune_normalized, left_keys.code_postal, right_keys.code_postal) <> 'different'
            and public.dedup_name_similarity(
                left_keys.name_normalized, right_keys.name_normalized, left_keys.name_core, right_keys.name_core,
                left_keys.org_kind, right_keys.org_kind) >= settings.name_blocking_min_similarity
        when 'same_siren_same_commune' then
            public.dedup_commune_agreement(
                left_keys.code_insee, right_keys.code_insee, left_keys.commune_key, right_keys.commune_key,
                left_keys.commune_normalized, right_keys.commune_normalized, left_keys.code_postal, right_keys.code_postal) <> 'different'
        when 'nearby_point' then
            public.dedup_distance_metres(left_keys.longitude, left_keys.latitude, right_keys.longitude, right_keys.latitude)
                <= settings.proximity_blocking_metres
            and public.dedup_name_similarity(
                left_keys.name_normalized, right_keys.name_normalized, left_keys.name_core, right_keys.name_core,
                left_keys.org_kind, right_keys.org_kind) >= settings.proximity_min_name_similarity
        else true
    end
)

select
    kept_pairs.left_id::text as left_id,
    kept_pairs.right_id::text as right_id,
    array_agg(distinct kept_pairs.rule order by kept_pairs.rule)::text[] as blocking_rules,
    bool_or(kept_pairs.is_across_communes)::boolean as is_across_communes
from kept_pairs
group by kept_pairs.left_id, kept_pairs.right_id

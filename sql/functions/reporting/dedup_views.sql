-- Deduplication (docs/reporting.md, docs/dedup.md): views over the dedup
-- tables the clustering step writes. Plain `create or replace view`
-- statements, as in consumption_views.sql: they read tables only.

create or replace view reporting.duplicates_per_source_pair as
select
    source,
    other_source,
    source = other_source as is_within_source,
    shared_clusters,
    records_in_source
from dedup.source_overlap;
comment on view reporting.duplicates_per_source_pair is 'Per ordered pair of sources: clusters holding records of both (across sources), or, when other_source = source, clusters holding several records of that source (within it). Each pair shows in both orders.';
comment on column reporting.duplicates_per_source_pair.source is 'A source slug.';
comment on column reporting.duplicates_per_source_pair.other_source is 'The other source (equal to source for duplicates within it).';
comment on column reporting.duplicates_per_source_pair.is_within_source is 'True for duplicates within one source.';
comment on column reporting.duplicates_per_source_pair.shared_clusters is 'Clusters of the last clustering holding records of both.';
comment on column reporting.duplicates_per_source_pair.records_in_source is 'Records of source in those clusters.';

create or replace view reporting.cluster_sizes as
select
    size as cluster_size,
    count(*) as clusters,
    sum(size) as structures,
    count(*) filter (where cardinality(sources) > 1) as clusters_across_sources
from dedup.clusters
group by size;
comment on view reporting.cluster_sizes is 'Distribution of the last clustering''s cluster sizes: one row per size (1 = a structure with no duplicate).';
comment on column reporting.cluster_sizes.cluster_size is 'Structures in a cluster.';
comment on column reporting.cluster_sizes.clusters is 'Clusters of that size.';
comment on column reporting.cluster_sizes.structures is 'Structures in them (clusters × size).';
comment on column reporting.cluster_sizes.clusters_across_sources is 'Of them, clusters holding records of more than one source.';

create or replace view reporting.manual_decisions as
select
    decisions.left_id,
    decisions.right_id,
    split_part(decisions.left_id, '--', 1) as left_source,
    split_part(decisions.right_id, '--', 1) as right_source,
    decisions.decision,
    decisions.note,
    decisions.decided_by,
    decisions.decided_at,
    coalesce(left_member.cluster_id = right_member.cluster_id, false) as in_same_cluster
from dedup.manual_decisions as decisions
left join dedup.cluster_members as left_member on left_member.structure_id = decisions.left_id
left join dedup.cluster_members as right_member on right_member.structure_id = decisions.right_id;
comment on view reporting.manual_decisions is 'Operator decisions on pairs of structures (warehouse dedup decide), with whether the last clustering put them together.';
comment on column reporting.manual_decisions.left_id is 'One structure id (the smaller).';
comment on column reporting.manual_decisions.right_id is 'The other structure id.';
comment on column reporting.manual_decisions.left_source is 'Source of left_id.';
comment on column reporting.manual_decisions.right_source is 'Source of right_id.';
comment on column reporting.manual_decisions.decision is 'must-link (same structure) or cannot-link (different ones).';
comment on column reporting.manual_decisions.note is 'Why, as the operator wrote it.';
comment on column reporting.manual_decisions.decided_by is 'Who decided (database user).';
comment on column reporting.manual_decisions.decided_at is 'When.';
comment on column reporting.manual_decisions.in_same_cluster is 'Whether the last clustering put both in one cluster (true for an honoured must-link, false for an honoured cannot-link); false when either is not in the last clustering.';

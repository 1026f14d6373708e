-- Duplicate clusters of structures (docs/dedup.md). The pairs are scored by
-- the models of the dedup layer; the clustering step of `warehouse refresh`
-- reads them and writes the tables below. Cluster ids come from a registry so
-- that a cluster keeps its id from one refresh to the next while its members
-- overlap.
create schema if not exists dedup;

create sequence if not exists dedup.cluster_id_seq;

-- The cluster each structure was last given. Rows of structures that left
-- the sources stay, so a record that comes back finds its old cluster.
create table if not exists dedup.cluster_registry (
    structure_id text primary key,
    cluster_id text not null,
    first_run_id bigint not null,
    last_run_id bigint not null
);
create index if not exists cluster_registry_cluster_id on dedup.cluster_registry (cluster_id);
comment on table dedup.cluster_registry is
    'The cluster id each structure was last given (kept across refreshes): the source of stable cluster ids.';

-- Decisions made by people, honoured by the next clustering: a must-link
-- joins two structures whatever their score, a cannot-link keeps them apart.
create table if not exists dedup.manual_decisions (
    left_id text not null,
    right_id text not null,
    decision text not null check (decision in ('must-link', 'cannot-link')),
    note text,
    decided_by text not null default current_user,
    decided_at timestamptz not null default now(),
    primary key (left_id, right_id),
    check (left_id < right_id)
);
comment on table dedup.manual_decisions is
    'Operator decisions on pairs of structures (must-link, cannot-link), honoured by every later refresh. Ids are ordered: left_id < right_id.';

-- The clusters of the last clustering, one row per cluster (singletons too).
create table if not exists dedup.clusters (
    cluster_id text primary key,
    run_id bigint not null,
    size integer not null,
    sources text[] not null,
    representative_id text not null,
    member_ids text[] not null
);
comment on table dedup.clusters is
    'Duplicate clusters of the last refresh: size, sources and the chosen representative (best score_qualite, then latest date_maj, then smallest id).';

create table if not exists dedup.cluster_members (
    structure_id text primary key,
    cluster_id text not null,
    source text not null,
    -- how the structure joined its cluster: the pair, manual decision or
    -- nothing (singleton / representative)
    joined_by text
);
create index if not exists cluster_members_cluster_id on dedup.cluster_members (cluster_id);
comment on table dedup.cluster_members is
    'Each structure of the last refresh and its cluster, with the link that joined it.';

-- One row per clustering: what analysts and the run history read.
create table if not exists dedup.clustering_runs (
    run_id bigint primary key,
    structures integer not null,
    candidate_pairs integer not null,
    match_pairs integer not null,
    merges_refused integer not null,
    clusters integer not null,
    multi_member_clusters integer not null,
    largest_cluster integer not null,
    clusters_kept_id integer not null,
    clusters_new_id integer not null,
    seconds double precision not null,
    finished_at timestamptz not null default now()
);
comment on table dedup.clustering_runs is
    'History of clusterings: pairs, merges refused by constraints, clusters, the largest one, and how many kept their id.';

-- Duplicates between and within sources, for dashboards: for each ordered
-- pair of sources, how many clusters hold records of both (or, for a source
-- with itself, more than one record of it).
create or replace view dedup.source_overlap as
with per_cluster_source as (
    select cluster_id, source, count(*) as records
    from dedup.cluster_members
    group by cluster_id, source
)
select
    left_side.source as source,
    right_side.source as other_source,
    count(*) as shared_clusters,
    sum(left_side.records) as records_in_source
from per_cluster_source as left_side
inner join per_cluster_source as right_side
    on right_side.cluster_id = left_side.cluster_id
    and (right_side.source <> left_side.source or left_side.records > 1)
group by left_side.source, right_side.source;
comment on view dedup.source_overlap is
    'Clusters shared by two sources (other_source <> source: cross-source duplicates) or holding several records of one source (other_source = source: duplicates within the source).';

create or replace view dedup.duplicates_per_source as
select
    members.source as source,
    count(*) as structures,
    count(*) filter (where clusters.size > 1) as in_a_duplicate_cluster,
    count(*) filter (where clusters.size > 1 and cardinality(clusters.sources) > 1) as with_another_source,
    count(*) filter (where clusters.size > 1 and exists (
        select 1 from dedup.cluster_members as others
        where others.cluster_id = members.cluster_id
          and others.source = members.source
          and others.structure_id <> members.structure_id)) as with_the_same_source
from dedup.cluster_members as members
inner join dedup.clusters as clusters on clusters.cluster_id = members.cluster_id
group by members.source;
comment on view dedup.duplicates_per_source is
    'Per source: structures, how many sit in a cluster of several records, with another source or with a record of the same source.';

-- The pipeline's history (docs/reporting.md): views over the run registry
-- (ops.runs, ops.run_steps, ops.source_loads, ops.source_state,
-- ops.published_versions). Plain `create or replace view` statements, as in
-- consumption_views.sql: they read tables only, and this file is re-applied
-- by `migrate` when it changes.

create or replace view reporting.pipeline_runs as
select
    runs.run_id,
    runs.command,
    runs.started_at,
    runs.finished_at,
    round(extract(epoch from runs.finished_at - runs.started_at)::numeric, 1) as duration_seconds,
    runs.status,
    runs.published_version,
    (select count(*) from ops.source_loads as loads where loads.run_id = runs.run_id and loads.status = 'succeeded') as sources_loaded,
    (select count(*) from ops.source_loads as loads where loads.run_id = runs.run_id and loads.status in ('failed', 'held')) as sources_failed_or_held,
    runs.error
from ops.runs as runs;
comment on view reporting.pipeline_runs is 'One row per warehouse run (refresh, load, models run…): when, how long, how it ended.';
comment on column reporting.pipeline_runs.run_id is 'The run (ops.runs.run_id).';
comment on column reporting.pipeline_runs.command is 'The command that ran it (refresh, load, models…).';
comment on column reporting.pipeline_runs.started_at is 'When it started.';
comment on column reporting.pipeline_runs.finished_at is 'When it ended; null while running or when its process died.';
comment on column reporting.pipeline_runs.duration_seconds is 'finished_at - started_at in seconds; null when not finished.';
comment on column reporting.pipeline_runs.status is 'running, succeeded, partial (some sources failed, were held back or quarantined; the rest published), failed or abandoned (its process died).';
comment on column reporting.pipeline_runs.published_version is 'The mart version it published; null when none.';
comment on column reporting.pipeline_runs.sources_loaded is 'Sources whose load succeeded in this run.';
comment on column reporting.pipeline_runs.sources_failed_or_held is 'Sources whose load failed or was held back (it shrank) in this run.';
comment on column reporting.pipeline_runs.error is 'Why it failed, when it did.';

create or replace view reporting.run_steps as
select
    steps.run_id,
    steps.step,
    steps.subject,
    steps.status,
    steps.rows_out,
    steps.rows_rejected,
    round(steps.seconds::numeric, 2) as seconds,
    steps.finished_at,
    steps.error
from ops.run_steps as steps;
comment on view reporting.run_steps is 'One row per step of a run (a source''s load, a model, a test, the publication…) with its rows and status.';
comment on column reporting.run_steps.run_id is 'The run (reporting.pipeline_runs).';
comment on column reporting.run_steps.step is 'The kind of step (load, model, test, publish…).';
comment on column reporting.run_steps.subject is 'What it worked on: a source stream, a model, a test.';
comment on column reporting.run_steps.status is 'succeeded, failed, skipped, warned, held or quarantined.';
comment on column reporting.run_steps.rows_out is 'Rows it wrote or kept.';
comment on column reporting.run_steps.rows_rejected is 'Rows it rejected (kept aside with a reason).';
comment on column reporting.run_steps.seconds is 'How long it took.';
comment on column reporting.run_steps.finished_at is 'When it ended.';
comment on column reporting.run_steps.error is 'Why it failed, when it did.';

create or replace view reporting.source_loads as
select
    loads.run_id,
    runs.started_at as run_started_at,
    loads.source,
    loads.status,
    loads.rows_loaded,
    loads.rows_rejected,
    round(loads.seconds::numeric, 2) as seconds,
    loads.fetched_at,
    loads.error
from ops.source_loads as loads
inner join ops.runs as runs on runs.run_id = loads.run_id;
comment on view reporting.source_loads is 'One row per run and source: whether its snapshot loaded, and how many records were kept and rejected.';
comment on column reporting.source_loads.run_id is 'The run.';
comment on column reporting.source_loads.run_started_at is 'When the run started.';
comment on column reporting.source_loads.source is 'The source slug.';
comment on column reporting.source_loads.status is 'succeeded, failed, skipped or held (loaded but kept back because it shrank).';
comment on column reporting.source_loads.rows_loaded is 'Records kept.';
comment on column reporting.source_loads.rows_rejected is 'Records rejected (raw.rejects says why).';
comment on column reporting.source_loads.seconds is 'How long the load took.';
comment on column reporting.source_loads.fetched_at is 'When the snapshot was fetched from the producer, when known.';
comment on column reporting.source_loads.error is 'Why it failed, when it did.';

create or replace view reporting.last_good_loads as
select
    state.source,
    state.current_run_id as run_id,
    runs.started_at as loaded_at,
    loads.rows_loaded,
    loads.fetched_at,
    (current_date - (runs.started_at at time zone 'UTC')::date) as days_since_load,
    (select loads_after.status from ops.source_loads as loads_after
     where loads_after.source = state.source order by loads_after.run_id desc limit 1) as latest_load_status
from ops.source_state as state
left join ops.runs as runs on runs.run_id = state.current_run_id
left join ops.source_loads as loads on loads.run_id = state.current_run_id and loads.source = state.source;
comment on view reporting.last_good_loads is 'One row per source: the run whose records are current (its last good load), and how the latest attempt went.';
comment on column reporting.last_good_loads.source is 'The source slug.';
comment on column reporting.last_good_loads.run_id is 'The run of its last good load (ops.source_state).';
comment on column reporting.last_good_loads.loaded_at is 'When that run started.';
comment on column reporting.last_good_loads.rows_loaded is 'Records that load kept.';
comment on column reporting.last_good_loads.fetched_at is 'When its snapshot was fetched, when known.';
comment on column reporting.last_good_loads.days_since_load is 'Days from that run to today.';
comment on column reporting.last_good_loads.latest_load_status is 'Status of the source''s latest load attempt: anything but succeeded means the current data is older than the latest run.';

-- A source whose load keeps half or less of what its previous good load
-- kept shows as a sudden drop (the refresh itself holds back a load that
-- shrank too much; this shows the trend, held loads included).
create or replace view reporting.source_row_trend as
with loads as (
    select loads.run_id, runs.started_at, loads.source, loads.status, loads.rows_loaded,
           lag(loads.rows_loaded) over (partition by loads.source order by loads.run_id) as previous_rows_loaded
    from ops.source_loads as loads
    inner join ops.runs as runs on runs.run_id = loads.run_id
    where loads.status in ('succeeded', 'held')
)
select
    run_id,
    started_at as run_started_at,
    source,
    status,
    rows_loaded,
    previous_rows_loaded,
    rows_loaded - previous_rows_loaded as change,
    case when previous_rows_loaded > 0
         then round((rows_loaded - previous_rows_loaded)::numeric / previous_rows_loaded, 3) end as change_ratio,
    coalesce(previous_rows_loaded > 0 and rows_loaded <= previous_rows_loaded / 2.0, false) as is_sudden_drop
from loads;
comment on view reporting.source_row_trend is 'Per source and load (succeeded or held), the records kept and the change from its previous such load, so that a sudden drop shows.';
comment on column reporting.source_row_trend.run_id is 'The run.';
comment on column reporting.source_row_trend.run_started_at is 'When the run started.';
comment on column reporting.source_row_trend.source is 'The source slug.';
comment on column reporting.source_row_trend.status is 'succeeded or held (kept back because it shrank).';
comment on column reporting.source_row_trend.rows_loaded is 'Records kept by that load.';
comment on column reporting.source_row_trend.previous_rows_loaded is 'Records kept by the source''s previous succeeded or held load; null for its first.';
comment on column reporting.source_row_trend.change is 'rows_loaded - previous_rows_loaded.';
comment on column reporting.source_row_trend.change_ratio is 'change / previous_rows_loaded (-0.5 = half lost); null without a previous load.';
comment on column reporting.source_row_trend.is_sudden_drop is 'True when the load kept half or less of the previous one.';

create or replace view reporting.published_row_counts as
with counts as (
    select versions.version, versions.published_at, relation.key as relation, relation.value::bigint as rows
    from ops.published_versions as versions
    cross join lateral jsonb_each_text(versions.row_counts) as relation (key, value)
    where versions.published_at is not null
)
select
    version,
    published_at,
    relation,
    rows,
    lag(rows) over (partition by relation order by version) as previous_rows
from counts;
comment on view reporting.published_row_counts is 'Per published mart version and relation: its rows and those of the previous published version.';
comment on column reporting.published_row_counts.version is 'The mart version (marts_v<version>).';
comment on column reporting.published_row_counts.published_at is 'When it was published.';
comment on column reporting.published_row_counts.relation is 'The marts relation (structures, services…).';
comment on column reporting.published_row_counts.rows is 'Its rows in that version.';
comment on column reporting.published_row_counts.previous_rows is 'Its rows in the previous published version; null for the first.';

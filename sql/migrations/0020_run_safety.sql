-- One refresh at a time, and runs whose process died are told apart from
-- runs still under way: every run holds a session advisory lock while it
-- works (RunLock), and records which server backend holds it. A 'running'
-- run whose backend no longer holds the lock is 'abandoned'.
alter table ops.runs add column if not exists process_id integer;
alter table ops.runs add column if not exists lock_backend_pid integer;
alter table ops.runs add column if not exists application_name text;
comment on column ops.runs.process_id is 'The operating-system process id of the warehouse command that ran it.';
comment on column ops.runs.application_name is 'The application_name of the process'' sessions (warehouse/<random>): the sessions an abandoned run left behind are ended by the next command.';
comment on column ops.runs.lock_backend_pid is 'The PostgreSQL backend that holds the run lock while the run works; a running run whose backend no longer holds it is abandoned.';

alter table ops.runs drop constraint if exists runs_status_check;
alter table ops.runs add constraint runs_status_check
    check (status in ('running', 'succeeded', 'partial', 'failed', 'abandoned'));
comment on table ops.runs is 'One row per warehouse refresh/load/models run: when, what, and how it ended (partial = some sources failed, were held back or quarantined, and the rest was published; abandoned = its process died before it finished).';

-- A load that is empty, or much smaller than the source's last good load,
-- is held back: stored for inspection, but not made current.
alter table ops.source_loads drop constraint if exists source_loads_status_check;
alter table ops.source_loads add constraint source_loads_status_check
    check (status in ('succeeded', 'failed', 'skipped', 'held'));
comment on table ops.source_loads is 'Per run and source: whether its snapshot loaded, how many records were kept and rejected; held = loaded but not made current because it shrank (warehouse refresh --accept-shrink takes it).';

alter table ops.run_steps drop constraint if exists run_steps_status_check;
alter table ops.run_steps add constraint run_steps_status_check
    check (status in ('succeeded', 'failed', 'skipped', 'warned', 'held', 'quarantined'));

-- A source whose own records made error-severity tests fail: its previous
-- published rows were carried into the new version instead of its new ones.
create table if not exists ops.quarantined_sources (
    run_id bigint not null references ops.runs (run_id) on delete cascade,
    source text not null,
    build_version bigint not null,
    carried_from_version bigint,
    failing_tests text[] not null,
    rows_carried jsonb not null default '{}'::jsonb,
    quarantined_at timestamptz not null default now(),
    primary key (run_id, source)
);
comment on table ops.quarantined_sources is 'Per run, each source quarantined because every failing row of some error-severity tests was its own: the tests (their failing rows are in ops.test_failures), the version its rows were carried from (null when none was published) and how many rows per table.';

-- Every refresh (or load, or models run) gets one row; its steps get one row each.
create table if not exists ops.runs (
    run_id bigserial primary key,
    command text not null,
    snapshots_dir text,
    started_at timestamptz not null default now(),
    finished_at timestamptz,
    status text not null default 'running'
        check (status in ('running', 'succeeded', 'partial', 'failed')),
    published_version bigint,
    error text
);
comment on table ops.runs is 'One row per warehouse refresh/load/models run: when, what, and how it ended (partial = some sources failed but the rest was published).';

create table if not exists ops.run_steps (
    step_id bigserial primary key,
    run_id bigint not null references ops.runs (run_id) on delete cascade,
    step text not null,
    subject text,
    status text not null check (status in ('succeeded', 'failed', 'skipped', 'warned')),
    rows_out bigint,
    rows_rejected bigint,
    seconds double precision,
    error text,
    finished_at timestamptz not null default now()
);
create index if not exists run_steps_run_id_idx on ops.run_steps (run_id);
comment on table ops.run_steps is 'Per run, one row per step (load of a source stream, model, test, publish) with row counts, duration and error.';

-- The load of one source in one run: all of its streams succeed or none does.
create table if not exists ops.source_loads (
    run_id bigint not null references ops.runs (run_id) on delete cascade,
    source text not null,
    status text not null check (status in ('succeeded', 'failed', 'skipped')),
    fetched_at timestamptz,
    rows_loaded bigint not null default 0,
    rows_rejected bigint not null default 0,
    seconds double precision,
    error text,
    primary key (run_id, source)
);
comment on table ops.source_loads is 'Per run and source: whether its snapshot loaded, how many records were kept and rejected.';

-- Which run holds the data the models read for each source. A failed load
-- leaves it unchanged, so the marts keep the previous good data.
create table if not exists ops.source_state (
    source text primary key,
    current_run_id bigint not null,
    updated_at timestamptz not null default now()
);
comment on table ops.source_state is 'For each source, the run whose raw records are current (the last good load).';

create table if not exists raw.rejects (
    run_id bigint not null,
    source text not null,
    stream text not null,
    file_name text not null,
    record_number integer not null,
    reason text not null,
    record text,
    primary key (run_id, source, stream, record_number)
);
comment on table raw.rejects is 'Records that could not be loaded (not an object, no id), kept with the reason so nothing is silently dropped.';

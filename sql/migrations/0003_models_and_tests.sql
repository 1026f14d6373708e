create table if not exists ops.model_runs (
    run_id bigint not null references ops.runs (run_id) on delete cascade,
    model text not null,
    layer text not null,
    relation text not null,
    materialized text not null,
    status text not null check (status in ('succeeded', 'failed', 'skipped')),
    rows_out bigint,
    seconds double precision,
    error text,
    primary key (run_id, model)
);
comment on table ops.model_runs is 'Per run, each model built: where, how, how many rows and how long.';

create table if not exists ops.test_results (
    run_id bigint not null references ops.runs (run_id) on delete cascade,
    test_name text not null,
    model text,
    column_name text,
    kind text not null,
    severity text not null check (severity in ('error', 'warn')),
    status text not null check (status in ('passed', 'failed', 'warned', 'errored')),
    failures bigint not null default 0,
    seconds double precision,
    error text,
    primary key (run_id, test_name)
);
comment on table ops.test_results is 'Per run, each declared test with its outcome and number of failing rows.';

create table if not exists ops.test_failures (
    run_id bigint not null,
    test_name text not null,
    failing_row jsonb not null,
    foreign key (run_id, test_name) references ops.test_results (run_id, test_name) on delete cascade
);
create index if not exists test_failures_run_test_idx on ops.test_failures (run_id, test_name);
comment on table ops.test_failures is 'Up to 100 failing rows per test and run, as json, for analysts to inspect.';

-- Each refresh builds its marts in a schema marts_v<version>; publishing
-- re-points the stable marts.* views in one transaction, so readers never
-- see half a refresh and saved questions keyed on the views keep working.
create table if not exists ops.published_versions (
    version bigint primary key,
    run_id bigint references ops.runs (run_id) on delete set null,
    schema_name text not null,
    built_at timestamptz not null default now(),
    published_at timestamptz,
    retired_at timestamptz,
    row_counts jsonb not null default '{}'::jsonb
);
comment on table ops.published_versions is 'Every mart version built; published_at is set when it became current, retired_at when its schema was dropped.';

create sequence if not exists ops.mart_version_seq;

create or replace view ops.current_version as
select version, run_id, schema_name, published_at, row_counts
from ops.published_versions
where published_at is not null and retired_at is null
order by published_at desc
limit 1;
comment on view ops.current_version is 'The mart version the marts.* views point at.';

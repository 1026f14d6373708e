-- The monthly partitions of api.consumption_events (migration
-- 0024_consumption_event_partitions.sql made the table partitioned), kept by
-- `warehouse maintenance` (Sources/WarehouseReporting/Maintenance.swift).
-- Months are UTC months; a partition is api.consumption_events_YYYY_MM, and
-- api.consumption_events_default takes what no month's partition holds.

-- The partitions of the table, with the month each holds (null for the
-- default one) and how many events are in it.
create or replace function ops.consumption_partitions()
returns table (partition_name text, month date, events bigint)
language plpgsql
stable
as $$
declare
    child record;
begin
    for child in
        select c.relname::text as name
        from pg_inherits as i
        inner join pg_class as c on c.oid = i.inhrelid
        where i.inhparent = 'api.consumption_events'::regclass
        order by c.relname
    loop
        partition_name := child.name;
        month := case when child.name ~ '^consumption_events_\d{4}_\d{2}$'
                      then to_date(right(child.name, 7), 'YYYY_MM') end;
        execute format('select count(*) from api.%I', child.name) into events;
        return next;
    end loop;
end
$$;

-- Creates the partition of the month that holds `day` unless it exists;
-- events of that month the default partition took meanwhile move into it.
-- Returns how many moved, or null when the partition already existed. The
-- table is locked for the few statements this takes, so an event written
-- at the same moment waits instead of landing in the default partition
-- after the move (which would make the creation fail).
create or replace function ops.create_consumption_partition(day date)
returns bigint
language plpgsql
as $$
declare
    month_start date := date_trunc('month', day)::date;
    month_end date := (date_trunc('month', day) + interval '1 month')::date;
    name text := 'consumption_events_' || to_char(day, 'YYYY_MM');
    moved bigint;
begin
    if to_regclass(format('api.%I', name)) is not null then
        return null;
    end if;
    lock table api.consumption_events in access exclusive mode;
    create temporary table moving_events on commit drop as
    with taken as (
        delete from api.consumption_events_default
        where occurred_at >= (month_start::text || ' 00:00:00+00')::timestamptz
          and occurred_at < (month_end::text || ' 00:00:00+00')::timestamptz
        returning *
    )
    select * from taken;
    execute format('create table api.%I partition of api.consumption_events for values from (%L) to (%L)',
                   name, month_start::text || ' 00:00:00+00', month_end::text || ' 00:00:00+00');
    insert into api.consumption_events select * from moving_events;
    get diagnostics moved = row_count;
    drop table moving_events;
    return moved;
end
$$;

-- The month partitions whose whole month is older than the retention: every
-- event in them happened before the first day of the month `retention_months`
-- months before the month of `as_of`. With 13 months on 2026-12-03, the
-- months up to October 2025 go, November 2025 stays: no event goes before it
-- is 13 months old, and a month goes whole.
create or replace function ops.expired_consumption_partitions(retention_months integer, as_of timestamptz default now())
returns table (partition_name text, month date, events bigint)
language sql
stable
as $$
    select partitions.partition_name, partitions.month, partitions.events
    from ops.consumption_partitions() as partitions
    where partitions.month is not null
      and partitions.month + interval '1 month'
          <= date_trunc('month', as_of at time zone 'UTC') - make_interval(months => retention_months)
    order by partitions.month
$$;

-- The first instant kept by a retention: events before it may be dropped.
create or replace function ops.consumption_retention_start(retention_months integer, as_of timestamptz default now())
returns timestamptz
language sql
immutable
as $$
    select ((date_trunc('month', as_of at time zone 'UTC') - make_interval(months => retention_months))::date::text
            || ' 00:00:00+00')::timestamptz
$$;

revoke all on function ops.consumption_partitions() from public;
revoke all on function ops.create_consumption_partition(date) from public;
revoke all on function ops.expired_consumption_partitions(integer, timestamptz) from public;
revoke all on function ops.consumption_retention_start(integer, timestamptz) from public;

-- api.consumption_events in monthly partitions, so that `warehouse
-- maintenance` drops a month of events whole (no long delete, no bloat)
-- once it is older than the retention (docs/reporting.md).
--
-- The table keeps its columns, its event_id sequence, its indexes, the
-- warehouse_api role's insert and the api.*_events views. A partitioned
-- table's primary key must hold the partition key: it becomes
-- (event_id, occurred_at); event_id still comes from the one sequence, so it
-- stays unique. The default partition takes an event whose month has no
-- partition yet: no event is ever refused. `warehouse maintenance` creates
-- the months ahead and moves such events into their month's partition
-- (api.create_consumption_partition, sql/functions/reporting/event_partitions.sql).
do $$
declare
    month date;
    first_month date;
begin
    if (select relkind from pg_class where oid = 'api.consumption_events'::regclass) = 'p' then
        return;  -- already partitioned
    end if;

    drop view if exists api.list_structures_events, api.consult_structure_events, api.list_services_events,
        api.consult_service_events, api.search_services_events;
    alter sequence api.consumption_events_event_id_seq owned by none;
    alter table api.consumption_events rename to consumption_events_unpartitioned;

    create table api.consumption_events (
        event_id bigint not null default nextval('api.consumption_events_event_id_seq'),
        occurred_at timestamptz not null,
        event_type text not null,
        token_id uuid,
        subject text,
        method text not null,
        endpoint text not null,
        path text not null,
        status integer not null,
        filters jsonb not null default '{}',
        result_count integer,
        page integer,
        size integer,
        latency_ms double precision not null,
        origin text,
        user_agent text,
        is_bot boolean not null default false,
        data_version bigint
    ) partition by range (occurred_at);
    alter sequence api.consumption_events_event_id_seq owned by api.consumption_events.event_id;
    create table api.consumption_events_default partition of api.consumption_events default;

    -- a partition for every month that holds events, and the current and next months
    -- (months are UTC months, whatever the session's time zone)
    first_month := least(coalesce((select min(occurred_at) from api.consumption_events_unpartitioned), now()), now());
    month := date_trunc('month', first_month at time zone 'UTC')::date;
    while month <= (date_trunc('month', now() at time zone 'UTC') + interval '1 month')::date loop
        execute format('create table api.%I partition of api.consumption_events for values from (%L) to (%L)',
                       'consumption_events_' || to_char(month, 'YYYY_MM'),
                       month::text || ' 00:00:00+00', (month + interval '1 month')::date::text || ' 00:00:00+00');
        month := (month + interval '1 month')::date;
    end loop;

    insert into api.consumption_events select * from api.consumption_events_unpartitioned;
    drop table api.consumption_events_unpartitioned;
end
$$;

alter table api.consumption_events drop constraint if exists consumption_events_pkey;
alter table api.consumption_events add constraint consumption_events_pkey primary key (event_id, occurred_at);
create index if not exists consumption_events_occurred_at on api.consumption_events (occurred_at);
create index if not exists consumption_events_event_type on api.consumption_events (event_type, occurred_at);
comment on table api.consumption_events is
    'Every API request with a token (and every crawler request, flagged is_bot): who, which endpoint, which filters, how many results, status, latency. Partitioned by month of occurred_at (consumption_events_YYYY_MM, and consumption_events_default for a month not created yet); warehouse maintenance drops the months older than the retention.';

do $$
begin
    if exists (select from pg_roles where rolname = 'warehouse_api') then
        grant insert on api.consumption_events to warehouse_api;
        grant usage on sequence api.consumption_events_event_id_seq to warehouse_api;
    end if;
end
$$;

-- The five event streams data·inclusion keeps, as views over the one table (as in 0014_api.sql).
create or replace view api.list_structures_events as
select event_id, occurred_at, subject as "user", path, status, result_count, page, size,
       filters -> 'sources' as sources, filters ->> 'code_region' as code_region,
       filters ->> 'code_departement' as code_departement, filters ->> 'code_commune' as code_commune,
       filters -> 'reseaux_porteurs' as reseaux_porteurs, (filters ->> 'exclure_doublons')::boolean as exclure_doublons
from api.consumption_events
where event_type = 'list_structures' and not is_bot;

create or replace view api.consult_structure_events as
select event_id, occurred_at, subject as "user", path, status, filters ->> 'id' as structure_id,
       split_part(filters ->> 'id', '--', 1) as source
from api.consumption_events
where event_type = 'consult_structure' and not is_bot;

create or replace view api.list_services_events as
select event_id, occurred_at, subject as "user", path, status, result_count, page, size,
       filters -> 'sources' as sources, filters -> 'thematiques' as thematiques, filters -> 'frais' as frais,
       filters -> 'publics' as publics, filters ->> 'recherche_public' as recherche_public,
       filters -> 'modes_accueil' as modes_accueil, filters -> 'types' as types,
       filters ->> 'code_region' as code_region, filters ->> 'code_departement' as code_departement,
       filters ->> 'code_commune' as code_commune, (filters ->> 'score_qualite_minimum')::float8 as score_qualite_minimum
from api.consumption_events
where event_type = 'list_services' and not is_bot;

create or replace view api.consult_service_events as
select event_id, occurred_at, subject as "user", path, status, filters ->> 'id' as service_id,
       split_part(filters ->> 'id', '--', 1) as source
from api.consumption_events
where event_type = 'consult_service' and not is_bot;

create or replace view api.search_services_events as
select event_id, occurred_at, subject as "user", path, status, result_count, page, size,
       filters -> 'sources' as sources, filters ->> 'code_commune' as code_commune,
       (filters ->> 'lat')::float8 as lat, (filters ->> 'lon')::float8 as lon,
       filters -> 'thematiques' as thematiques, filters -> 'frais' as frais, filters -> 'publics' as publics,
       filters ->> 'recherche_public' as recherche_public, filters -> 'modes_accueil' as modes_accueil,
       filters -> 'types' as types, (filters ->> 'score_qualite_minimum')::float8 as score_qualite_minimum,
       (filters ->> 'exclure_doublons')::boolean as exclure_doublons
from api.consumption_events
where event_type = 'search_services' and not is_bot;

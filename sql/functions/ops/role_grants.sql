-- What both roles read of one mart version. Called for the versions that
-- exist now and by the publisher for every new marts_v<N> as it is created:
-- the default privileges cover the tables the build then creates in it.
create or replace function ops.grant_version_readers(version_schema text) returns void
language plpgsql
as $$
declare
    reader text;
begin
    foreach reader in array array['warehouse_api', 'warehouse_analyst'] loop
        continue when not exists (select from pg_roles where rolname = reader);
        execute format('grant usage on schema %I to %I', version_schema, reader);
        execute format('grant select on all tables in schema %I to %I', version_schema, reader);
        execute format('alter default privileges in schema %I grant select on tables to %I', version_schema, reader);
    end loop;
end
$$;

create or replace function ops.grant_warehouse_roles() returns void
language plpgsql
as $$
declare
    version_schema text;
begin
    if exists (select from pg_roles where rolname = 'warehouse_api') then
        grant usage on schema marts, seeds, ops, api to warehouse_api;
        grant select on all tables in schema marts, seeds to warehouse_api;
        alter default privileges in schema marts, seeds grant select on tables to warehouse_api;
        grant select on ops.published_versions, ops.current_version to warehouse_api;
        -- verifying a token reads its key and its row; issuing and revoking are the owner's
        grant select on api.signing_keys, api.tokens to warehouse_api;
        grant insert on api.consumption_events to warehouse_api;
        grant usage on sequence api.consumption_events_event_id_seq to warehouse_api;
    end if;
    if exists (select from pg_roles where rolname = 'warehouse_analyst') then
        grant usage on schema marts, reporting, dedup, ops to warehouse_analyst;
        grant select on all tables in schema marts, reporting, dedup, ops to warehouse_analyst;
        alter default privileges in schema marts, reporting, dedup, ops grant select on tables to warehouse_analyst;
    end if;
    for version_schema in select nspname from pg_namespace where nspname ~ '^marts_v[1-9][0-9]*$' loop  -- marts_v0 (the v0 shapes) is no version
        perform ops.grant_version_readers(version_schema);
    end loop;
end
$$;

-- Only the owner grants.
revoke all on function ops.grant_version_readers(text) from public;

revoke all on function ops.grant_warehouse_roles() from public;

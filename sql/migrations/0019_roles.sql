-- Two roles besides the owner (the user the warehouse connects with, which
-- owns every object, runs the migrations and the refresh):
--   warehouse_api      what `warehouse serve` needs: the published versions,
--                      the seeds it reads its vocabularies from, the token
--                      tables (to verify tokens), and inserting consumption
--                      events. It cannot write anything else, nor read the
--                      pipeline's other schemas.
--   warehouse_analyst  read-only on marts, every marts_v<N>, reporting,
--                      dedup and ops, for dashboards; nothing in api (the
--                      signing keys and the tokens stay out of its reach).
-- Neither is a superuser nor a member of pg_execute_server_program, so
-- neither can run COPY … TO PROGRAM.
--
-- Roles are cluster-wide: a second database on the same server finds them.
-- An owner without CREATEROLE (a managed server) cannot create them: the
-- migration goes on without them, and grants to them once a DBA has made
-- them (the warehouse calls ops.grant_warehouse_roles() when it sees them
-- without their grants).
do $$
declare
    role_name text;
begin
    foreach role_name in array array['warehouse_api', 'warehouse_analyst'] loop
        if not exists (select from pg_roles where rolname = role_name) then
            begin
                execute format('create role %I login nosuperuser nocreatedb nocreaterole noreplication', role_name);
            exception
                when insufficient_privilege then
                    raise notice 'role % not created: % may not create roles; ask an administrator to run "create role % login" (docs: README, Which database)',
                        role_name, current_user, role_name;
                -- another database of the server migrating at the same moment made it
                when duplicate_object or unique_violation then null;
            end;
        end if;
    end loop;
end
$$;

-- Dashboards' own views go here; empty until someone adds one, so that the
-- grants below and the default privileges already cover what comes later.
create schema if not exists reporting;
comment on schema reporting is 'Views for dashboards over marts, dedup and ops; readable by warehouse_analyst.';

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
    for version_schema in select nspname from pg_namespace where nspname ~ '^marts_v[0-9]+$' loop
        perform ops.grant_version_readers(version_schema);
    end loop;
end
$$;

-- Only the owner grants.
revoke all on function ops.grant_version_readers(text) from public;
revoke all on function ops.grant_warehouse_roles() from public;

select ops.grant_warehouse_roles();

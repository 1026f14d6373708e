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

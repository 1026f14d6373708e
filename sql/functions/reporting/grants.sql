-- The reporting views are the analyst's (0019_roles.sql sets the default
-- privileges); granted again here for a database whose roles an
-- administrator made after the migrations. Re-applied with the files of
-- this folder.
do $$
begin
    if exists (select from pg_roles where rolname = 'warehouse_analyst') then
        grant usage on schema reporting to warehouse_analyst;
        grant select on all tables in schema reporting to warehouse_analyst;
    end if;
end
$$;

-- a database already published gets the views over marts.* now, else at its next publication
select ops.create_reporting_views();

-- Coverage and quality of the published data (docs/reporting.md): views over
-- the stable marts.* views and the referential seeds. The publisher may have
-- to drop and recreate a marts.* view whose columns changed, which a view
-- reading it would prevent: as for the v0 shapes (ops/v0_views.sql), the
-- publisher calls ops.drop_reporting_views() before such a drop and
-- ops.create_reporting_views() after every publication, in its transaction.

-- The reporting views that read marts.*, in the order they may be dropped.
create or replace function ops.drop_reporting_views() returns void
language sql
as $$
    drop view if exists reporting.coverage_per_territory;
    drop view if exists reporting.services_per_thematique;
    drop view if exists reporting.services_per_public;
    drop view if exists reporting.remote_services_per_source;
    drop view if exists reporting.thematique_gaps_per_departement;
    drop view if exists reporting.thematique_gaps_per_commune;
    drop view if exists reporting.score_qualite_per_source;
    drop view if exists reporting.score_qualite_bands;
    drop view if exists reporting.validation_errors_per_rule;
    drop view if exists reporting.contact_quality_per_source;
    drop view if exists reporting.freshness_per_source;
$$;

-- `create or replace` keeps a view's identity; when the marts' columns
-- changed type it cannot, and the view is made anew.
create or replace function ops.replace_reporting_view(view_name text, body text) returns void
language plpgsql
as $$
begin
    execute format('create or replace view reporting.%I as %s', view_name, body);
exception
    when invalid_table_definition or datatype_mismatch then
        raise warning 'reporting.% recreated: its columns changed', view_name;
        execute format('drop view reporting.%I', view_name);
        execute format('create view reporting.%I as %s', view_name, body);
end
$$;

-- (Re)creates the views and their comments. Returns false, creating
-- nothing, while a relation they read is missing (nothing published yet).
create or replace function ops.create_reporting_views() returns boolean
language plpgsql
as $$
declare
    needed text[] := array['marts.structures', 'marts.services', 'marts.services_thematiques', 'marts.services_publics',
                           'marts.services_modes_accueil', 'marts.validation_errors', 'seeds.ref_communes',
                           'seeds.ref_departements', 'seeds.ref_regions', 'seeds.v1_thematiques', 'seeds.v1_publics'];
    relation text;
begin
    foreach relation in array needed loop
        if to_regclass(relation) is null then
            return false;
        end if;
    end loop;
    perform ops.create_coverage_views();
    perform ops.create_quality_views();
    if exists (select from pg_roles where rolname = 'warehouse_analyst') then
        grant select on all tables in schema reporting to warehouse_analyst;
    end if;
    return true;
end
$$;

revoke all on function ops.create_reporting_views() from public;
revoke all on function ops.drop_reporting_views() from public;
revoke all on function ops.replace_reporting_view(text, text) from public;

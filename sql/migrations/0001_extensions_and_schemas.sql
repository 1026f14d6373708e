-- The extensions the models rely on: trigram similarity and accent folding
-- for matching names, PostGIS for distances.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists postgis;

-- ops: what the warehouse did (runs, loads, models, tests, publications).
-- raw: one table per source stream, one row per record, payload as jsonb.
-- seeds, staging, intermediate: model layers. marts: the published views.
create schema if not exists ops;
create schema if not exists raw;
create schema if not exists seeds;
create schema if not exists staging;
create schema if not exists intermediate;
create schema if not exists marts;

comment on schema raw is 'One table per source stream (<source>__<stream>), one row per record with its payload as jsonb, the refresh run id, file name, file sha256 and record number. <table>__current views show the last good load of each source.';
comment on schema marts is 'The published data: stable views over the current version schema (marts_v<N>). Dashboards may key on these views; their identity survives refreshes.';

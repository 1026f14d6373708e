-- The published data in data·inclusion's withdrawn v0 shapes, for the
-- consumers still built on it: marts_v0.structures and marts_v0.services,
-- views over the stable marts.* views (so they follow every publication and
-- keep their identity), with the v1 values mapped back by the seeds
-- map_v1_to_v0__*. docs/v0.md says where every v0 field comes from.
--
-- marts_v0 is not a mart version: versions are numbered from 1 (the
-- sequence's minimum, and a check on ops.published_versions below), and the
-- publisher, which drops the version schemas no version records, looks for
-- '^marts_v[1-9][0-9]*$'. The functions that make the views, and grant the
-- warehouse_api and warehouse_analyst roles their reading, are in
-- sql/functions/ops/v0_views.sql.

create schema if not exists marts_v0;
comment on schema marts_v0 is 'The published marts in the v0 shapes of the data·inclusion schema (views over marts.*; docs/v0.md). Not a mart version: versions start at 1.';

alter sequence ops.mart_version_seq minvalue 1;
alter table ops.published_versions
    add constraint published_versions_version_from_one check (version >= 1 and schema_name ~ '^marts_v[1-9][0-9]*$');

-- The dedup schema: the models of the dedup layer build their tables here and
-- dedup.* clustering tables (migration 0013) keep the clusters. The functions
-- that compare structures are in sql/functions/dedup/.
create schema if not exists dedup;

comment on schema dedup is 'Duplicate detection of structures: comparison keys, candidate pairs, scored pairs (models of the dedup layer) and the clusters built from them.';

-- Typing errors in names are edit distances more than trigram losses.
create extension if not exists fuzzystrmatch;

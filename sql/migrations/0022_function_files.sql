-- SQL functions now live in sql/functions/ and are re-applied when their
-- file changes. The scoring of a pair used to be wrapped by a later
-- migration that renamed it; sql/functions/dedup/scoring.sql holds the whole
-- of it again, so the renamed inner function is left over in databases
-- migrated before.
drop function if exists public.dedup_score_pair_features(jsonb, jsonb, jsonb, double precision, double precision);

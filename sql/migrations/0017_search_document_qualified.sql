-- service_search_document named immutable_unaccent without its schema:
-- autovacuum analyzes tables with an empty search_path, so the automatic
-- analyze of every services table with the full-text index failed (logged
-- "function immutable_unaccent(text) does not exist") and its statistics
-- went stale. Same function, schema-qualified.
create or replace function public.service_search_document(nom text, description text) returns tsvector
language sql immutable parallel safe
as $$
    select setweight(to_tsvector('pg_catalog.french', public.immutable_unaccent(coalesce(nom, ''))), 'A')
        || setweight(to_tsvector('pg_catalog.french', public.immutable_unaccent(coalesce(description, ''))), 'B')
$$;

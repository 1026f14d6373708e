-- unaccent() is only STABLE (its dictionary could change), so it cannot
-- appear in an index; this wrapper names the dictionary and is declared
-- IMMUTABLE, which lets the API's full-text search use a GIN index.
create or replace function immutable_unaccent(text) returns text
language sql immutable parallel safe strict
as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

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

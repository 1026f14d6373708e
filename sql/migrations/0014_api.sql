-- The HTTP API (`warehouse serve`, docs/api.md): its tokens and the
-- consumption events it records.
create schema if not exists api;

-- The HS256 key that signs tokens, made by the first `warehouse token
-- create` unless WAREHOUSE_API_SECRET is set. Only the newest key signs;
-- every key of the table verifies, so a new key does not void live tokens.
create table if not exists api.signing_keys (
    key_id serial primary key,
    secret bytea not null,
    created_at timestamptz not null default now()
);
comment on table api.signing_keys is
    'HMAC keys signing the API tokens (newest signs, all verify). Readable by administrators only.';

-- Every token issued: a request's token must be here, not revoked and not
-- expired (the JWT's own expiry is checked too).
create table if not exists api.tokens (
    token_id uuid primary key,
    subject text not null,
    scopes text[] not null check (scopes <@ array['api', 'widget', 'admin']),
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz,
    revoked_reason text
);
create index if not exists tokens_subject on api.tokens (subject);
comment on table api.tokens is
    'API tokens (JWT HS256): subject, scopes (api, widget, admin), expiry and revocation. The token text itself is never stored.';

-- One row per authenticated request (and per bot request), written in
-- batches off the request path.
create table if not exists api.consumption_events (
    event_id bigserial primary key,
    occurred_at timestamptz not null,
    event_type text not null,
    token_id uuid,
    subject text,
    method text not null,
    endpoint text not null,
    path text not null,
    status integer not null,
    filters jsonb not null default '{}',
    result_count integer,
    page integer,
    size integer,
    latency_ms double precision not null,
    origin text,
    user_agent text,
    is_bot boolean not null default false,
    data_version bigint
);
create index if not exists consumption_events_occurred_at on api.consumption_events (occurred_at);
create index if not exists consumption_events_event_type on api.consumption_events (event_type, occurred_at);
comment on table api.consumption_events is
    'Every API request with a token (and every crawler request, flagged is_bot): who, which endpoint, which filters, how many results, status, latency.';

-- The five event streams data·inclusion keeps, as views over the one table.
create or replace view api.list_structures_events as
select event_id, occurred_at, subject as "user", path, status, result_count, page, size,
       filters -> 'sources' as sources, filters ->> 'code_region' as code_region,
       filters ->> 'code_departement' as code_departement, filters ->> 'code_commune' as code_commune,
       filters -> 'reseaux_porteurs' as reseaux_porteurs, (filters ->> 'exclure_doublons')::boolean as exclure_doublons
from api.consumption_events
where event_type = 'list_structures' and not is_bot;

create or replace view api.consult_structure_events as
select event_id, occurred_at, subject as "user", path, status, filters ->> 'id' as structure_id,
       split_part(filters ->> 'id', '--', 1) as source
from api.consumption_events
where event_type = 'consult_structure' and not is_bot;

create or replace view api.list_services_events as
select event_id, occurred_at, subject as "user", path, status, result_count, page, size,
       filters -> 'sources' as sources, filters -> 'thematiques' as thematiques, filters -> 'frais' as frais,
       filters -> 'publics' as publics, filters ->> 'recherche_public' as recherche_public,
       filters -> 'modes_accueil' as modes_accueil, filters -> 'types' as types,
       filters ->> 'code_region' as code_region, filters ->> 'code_departement' as code_departement,
       filters ->> 'code_commune' as code_commune, (filters ->> 'score_qualite_minimum')::float8 as score_qualite_minimum
from api.consumption_events
where event_type = 'list_services' and not is_bot;

create or replace view api.consult_service_events as
select event_id, occurred_at, subject as "user", path, status, filters ->> 'id' as service_id,
       split_part(filters ->> 'id', '--', 1) as source
from api.consumption_events
where event_type = 'consult_service' and not is_bot;

create or replace view api.search_services_events as
select event_id, occurred_at, subject as "user", path, status, result_count, page, size,
       filters -> 'sources' as sources, filters ->> 'code_commune' as code_commune,
       (filters ->> 'lat')::float8 as lat, (filters ->> 'lon')::float8 as lon,
       filters -> 'thematiques' as thematiques, filters -> 'frais' as frais, filters -> 'publics' as publics,
       filters ->> 'recherche_public' as recherche_public, filters -> 'modes_accueil' as modes_accueil,
       filters -> 'types' as types, (filters ->> 'score_qualite_minimum')::float8 as score_qualite_minimum,
       (filters ->> 'exclure_doublons')::boolean as exclure_doublons
from api.consumption_events
where event_type = 'search_services' and not is_bot;

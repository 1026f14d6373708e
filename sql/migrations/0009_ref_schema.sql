-- The administrative referential and the address enrichment built on it
-- (docs/models.md, "Address enrichment").
--
-- ref: communes, arrondissements, communes déléguées and associées with their
-- postal codes, départements, régions and EPCI, rebuilt from the seeds by the
-- models of dbt-like-models/models/ref/ at every refresh.
create schema if not exists ref;

comment on schema ref is 'The administrative referential (INSEE COG with La Poste postal codes, from the seeds ref_communes, ref_departements and ref_regions): communes, communes_codes_postaux, departements, regions, epci. Rebuilt at every refresh.';

-- Results of the remote address geocoder (the BAN), one row per normalized
-- address text, so that an unchanged address is never sent twice. The
-- geocoder fills it; int__addresses_enriched takes a result only when it is
-- accepted.
create table if not exists ops.geocoding_cache (
    geocoding_key text primary key,      -- int__geocoding_inputs.geocoding_key
    geocoder text not null,              -- 'ban'
    latitude double precision, longitude double precision,
    score double precision,              -- the geocoder's score in [0,1], null when no result
    result_label text, result_citycode text, result_postcode text,
    accepted boolean not null default false,  -- score >= the threshold the last run used
    geocoded_at timestamptz not null default now()
);

comment on table ops.geocoding_cache is 'Remote geocoder results per int__geocoding_inputs.geocoding_key; accepted results give the coordinates of int__addresses_enriched (precision address).';

-- One row per structure of the marts being built, with the normalized keys
-- that candidate generation (candidate_pairs) and pair comparison (pairs,
-- dedup.explain_pair) read. Normalizers are the dedup_* functions of
-- sql/functions/dedup; docs/dedup.md explains each key.
with

settings as (
    select
        max(parameters.value::double precision) filter (where parameters.name = 'shared_value_max_records') as shared_value_max_records
    from {{ ref('dedup_parameters') }} as parameters
),

described as (
    select
        structures.id,
        structures.source,
        structures.nom,
        keys.name_normalized,
        keys.org_kind,
        keys.name_core,
        keys.siret_normalized as siret,
        keys.siren,
        keys.telephone_normalized as telephone,
        keys.courriel_normalized as courriel,
        keys.website_domain,
        keys.code_insee_normalized as code_insee,
        keys.commune_key,
        keys.commune_normalized,
        keys.code_postal_normalized as code_postal,
        keys.address_normalized,
        keys.house_number,
        keys.street_normalized,
        structures.longitude,
        structures.latitude,
        structures._geocoding_precision as geocoding_precision,
        -- where a value is seen, to tell a structure's own contact from a
        -- head office's or a network's
        coalesce(keys.commune_normalized, keys.commune_key, keys.code_postal_normalized) as place
    from {{ ref('structures') }} as structures
    cross join lateral public.dedup_structure_keys(
        nom => structures.nom, siret => structures.siret, telephone => structures.telephone,
        courriel => structures.courriel, site_web => structures.site_web, adresse => structures.adresse,
        commune => structures.commune, code_postal => structures.code_postal, code_insee => structures.code_insee) as keys
),

-- where each value is seen: a value carried in more than one place (min
-- and max differ) or by many records is shared. Window functions keep
-- this one pass over `described`, which can then run in parallel; they
-- sort in the "C" collation (byte order, the cheapest; only equality matters)
spread as (
    select
        described.*,
        count(described.siret) over (partition by described.siret collate "C") as siret_records,
        min(described.place) over (partition by described.siret collate "C") is distinct from max(described.place) over (partition by described.siret collate "C") as siret_in_places,
        count(described.telephone) over (partition by described.telephone collate "C") as telephone_records,
        min(described.place) over (partition by described.telephone collate "C") is distinct from max(described.place) over (partition by described.telephone collate "C") as telephone_in_places,
        count(described.courriel) over (partition by described.courriel collate "C") as courriel_records,
        min(described.place) over (partition by described.courriel collate "C") is distinct from max(described.place) over (partition by described.courriel collate "C") as courriel_in_places,
        count(described.website_domain) over (partition by described.website_domain collate "C") as website_records,
        min(described.place) over (partition by described.website_domain collate "C") is distinct from max(described.place) over (partition by described.website_domain collate "C") as website_in_places
    from described
)

select
    spread.id::text as id,
    spread.source::text as source,
    spread.nom::text as nom,
    spread.name_normalized::text as name_normalized,
    spread.org_kind::text as org_kind,
    spread.name_core::text as name_core,
    spread.siret::text as siret,
    spread.siren::text as siren,
    (spread.siret is not null and (spread.siret_in_places or spread.siret_records > settings.shared_value_max_records))::boolean as siret_is_shared,
    spread.telephone::text as telephone,
    -- short numbers (3949, 115) are national services by nature
    (spread.telephone is not null and (spread.telephone_in_places or spread.telephone_records > settings.shared_value_max_records
        or spread.telephone !~ '^\+'))::boolean as telephone_is_shared,
    spread.courriel::text as courriel,
    (spread.courriel is not null and (spread.courriel_in_places or spread.courriel_records > settings.shared_value_max_records))::boolean as courriel_is_shared,
    spread.website_domain::text as website_domain,
    (spread.website_domain is not null and (spread.website_in_places or spread.website_records > settings.shared_value_max_records))::boolean as website_domain_is_shared,
    spread.code_insee::text as code_insee,
    spread.commune_key::text as commune_key,
    spread.commune_normalized::text as commune_normalized,
    spread.code_postal::text as code_postal,
    spread.address_normalized::text as address_normalized,
    spread.house_number::text as house_number,
    spread.street_normalized::text as street_normalized,
    spread.longitude::double precision as longitude,
    spread.latitude::double precision as latitude,
    spread.geocoding_precision::text as geocoding_precision
from spread
cross join settings

-- The equality keys of the blocking rules (docs/dedup.md), one row per
-- structure and key shared with at least one other structure, with the
-- size of the key's block. Candidate pairs
-- only ever join records of one block, and blocks larger than
-- max_block_size are skipped (a low-entropy key such as a national phone
-- number or the word "centre" in Paris would otherwise make a quadratic
-- join); dedup.blocking_report lists them.
with

settings as (
    select
        max(parameters.value::double precision) filter (where parameters.name = 'max_block_size') as max_block_size,
        max(parameters.value::double precision) filter (where parameters.name = 'proximity_blocking_metres') as proximity_blocking_metres
    from {{ ref('dedup_parameters') }} as parameters
),

-- four grids of square cells twice the proximity radius wide, shifted by
-- half a cell in x, in y and in both: two points closer than the radius
-- share a cell in at least one of them (in each axis, the two shifts put
-- their boundaries half a cell apart). Degrees are converted with the
-- narrowest longitude degree in France (69 km at 51.5° N), so cells are
-- never narrower than intended.
grid_cells as (
    select
        structure_keys.id,
        structure_keys.commune_key is not null as commune_code_known,
        grid.name || ':' || floor(structure_keys.longitude / (2 * settings.proximity_blocking_metres / 69000.0) + grid.shift_x)::bigint
            || ' ' || floor(structure_keys.latitude / (2 * settings.proximity_blocking_metres / 111000.0) + grid.shift_y)::bigint as cell
    from {{ ref('structure_keys') }} as structure_keys
    cross join settings
    cross join (values ('a', 0.0, 0.0), ('b', 0.5, 0.0), ('c', 0.0, 0.5), ('d', 0.5, 0.5)) as grid (name, shift_x, shift_y)
    where structure_keys.geocoding_precision = 'address'
        and structure_keys.longitude is not null
        and structure_keys.latitude is not null
),

-- words that tell a structure apart from the others of its commune: the
-- words of its name core (its name without kind words and without the
-- commune's name, which every body of the commune shares) and its kind,
-- so that "Mairie de X" and "Hôtel de ville" meet, and "Mairie de X" and
-- "CCAS de X" do not; three letters or more
name_tokens as (
    select distinct
        structure_keys.id,
        structure_keys.commune_key,
        structure_keys.code_postal,
        token.value as token
    from {{ ref('structure_keys') }} as structure_keys
    cross join lateral unnest(
        string_to_array(structure_keys.name_core, ' ')
        || case when structure_keys.org_kind is not null then array['kind:' || structure_keys.org_kind] else array[]::text[] end
    ) as token (value)
    where char_length(token.value) >= 3
),

-- commune-scoped rules block on the INSEE code; a record without one (its
-- commune could not be resolved) falls back on its postal code, and the
-- records of that postal code get a postal-code key too, so that it meets
-- them (candidate_pairs never pairs two records that both have a code)
fallback_postal_codes as (
    select distinct structure_keys.code_postal as code_postal
    from {{ ref('structure_keys') }} as structure_keys
    where structure_keys.commune_key is null and structure_keys.code_postal is not null
),

keys as (
    select structure_keys.id as id, 'same_siret' as rule, structure_keys.siret as block_key, structure_keys.commune_key is not null as commune_code_known
    from {{ ref('structure_keys') }} as structure_keys
    where structure_keys.siret is not null

    union all

    select structure_keys.id, 'same_siren_same_commune', 'insee:' || structure_keys.commune_key || ' ' || structure_keys.siren, structure_keys.commune_key is not null
    from {{ ref('structure_keys') }} as structure_keys
    where structure_keys.siren is not null and structure_keys.commune_key is not null

    union all

    select structure_keys.id, 'same_siren_same_commune', 'cp:' || structure_keys.code_postal || ' ' || structure_keys.siren, structure_keys.commune_key is not null
    from {{ ref('structure_keys') }} as structure_keys
    inner join fallback_postal_codes
        on fallback_postal_codes.code_postal = structure_keys.code_postal
    where structure_keys.siren is not null

    union all

    select structure_keys.id, 'same_phone', structure_keys.telephone, structure_keys.commune_key is not null
    from {{ ref('structure_keys') }} as structure_keys
    where structure_keys.telephone is not null

    union all

    select structure_keys.id, 'same_email', structure_keys.courriel, structure_keys.commune_key is not null
    from {{ ref('structure_keys') }} as structure_keys
    where structure_keys.courriel is not null

    union all

    select name_tokens.id, 'similar_name_same_commune', 'insee:' || name_tokens.commune_key || ' ' || name_tokens.token, name_tokens.commune_key is not null
    from name_tokens
    where name_tokens.commune_key is not null

    union all

    select name_tokens.id, 'similar_name_same_commune', 'cp:' || name_tokens.code_postal || ' ' || name_tokens.token, name_tokens.commune_key is not null
    from name_tokens
    inner join fallback_postal_codes
        on fallback_postal_codes.code_postal = name_tokens.code_postal

    union all

    -- a commune centroid is no evidence of the same building: address points only
    select grid_cells.id, 'nearby_point', grid_cells.cell, grid_cells.commune_code_known
    from grid_cells
),

-- the block sizes (sorted in the "C" collation: a plain byte order, the
-- cheapest, which equality does not care about)
sized_keys as (
    select
        keys.*,
        count(*) over (partition by keys.rule, keys.block_key collate "C") as block_size
    from keys
),

-- a key no other record shares proposes nothing and is left out
final as (
    select
        sized_keys.id::text as id,
        sized_keys.rule::text as rule,
        sized_keys.block_key::text as block_key,
        sized_keys.commune_code_known::boolean as commune_code_known,
        sized_keys.block_size::integer as block_size,
        (sized_keys.block_size > settings.max_block_size)::boolean as is_skipped
    from sized_keys
    cross join settings
    where sized_keys.block_size > 1
)

select * from final

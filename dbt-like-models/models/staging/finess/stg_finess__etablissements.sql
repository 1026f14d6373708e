-- FINESS establishments (etablissements.csv, one raw record per line after the
-- banner), typed and cleaned, restricted to the three categories data·inclusion
-- publishes (CMP 156, ESAT 246, MDPH 609: seed map_finess__categories). Still in
-- FINESS's own column model; the v1 mapping is in int_finess__*_v1.
with

raw_lines as (
    select {{ source_header() }}, data
    from {{ source('finess', 'etablissements') }}
),

typed as (
    select
        {{ source_header('raw_lines') }},
        {{ text('typeet') }} as typeet,
        {{ text('nofinesset') }} as nofinesset,
        {{ text('nofinessej') }} as nofinessej,
        {{ text('rs') }} as rs,
        {{ text('rslongue') }} as rslongue,
        {{ text('complrs') }} as complrs,
        {{ text('compldistrib') }} as compldistrib,
        {{ text('numvoie') }} as numvoie,
        {{ text('typvoie') }} as typvoie,
        {{ text('voie') }} as voie,
        {{ text('compvoie') }} as compvoie,
        {{ text('lieuditbp') }} as lieuditbp,
        {{ text('commune') }} as commune,
        {{ text('departement') }} as departement,
        {{ text('libdepartement') }} as libdepartement,
        {{ text('ligneacheminement') }} as ligneacheminement,
        {{ text('telephone') }} as telephone,
        {{ text('telecopie') }} as telecopie,
        {{ text('categetab') }} as categetab,
        {{ text('libcategetab') }} as libcategetab,
        {{ text('siret') }} as siret,
        -- FINESS writes ISO dates; an impossible date becomes NULL instead of
        -- failing the model
        {{ parse_date('left(btrim(raw_lines.data ->> ''dateouv''), 10)', 'YYYY-MM-DD') }} as dateouv,
        {{ parse_date('left(btrim(raw_lines.data ->> ''datemaj''), 10)', 'YYYY-MM-DD') }} as datemaj
    from raw_lines
),

-- only establishment lines (a `geolocalisation;…` line has no category) of
-- the three published categories
kept as (
    select typed.*
    from typed
    inner join {{ ref('map_finess__categories') }} as categories
        on categories.raw = typed.categetab
    where typed.typeet = 'structureet'
),

-- nofinesset is unique in FINESS; should a line be repeated, the first wins
deduplicated as (
    select distinct on (kept.nofinesset) kept.*
    from kept
    where kept.nofinesset is not null
    order by kept.nofinesset, kept.record_number
)

select
    {{ source_header('deduplicated') }},
    deduplicated.nofinesset,
    deduplicated.nofinessej,
    deduplicated.rs,
    deduplicated.rslongue,
    deduplicated.complrs,
    deduplicated.compldistrib,
    deduplicated.numvoie,
    deduplicated.typvoie,
    deduplicated.voie,
    deduplicated.compvoie,
    deduplicated.lieuditbp,
    deduplicated.commune,
    deduplicated.departement,
    deduplicated.libdepartement,
    deduplicated.ligneacheminement,
    -- "<postal code> <TOWN>[ CEDEX…]": the code is the first 5 digits, the
    -- town what follows it up to a CEDEX mention (a delivery office, not
    -- a commune)
    substring(deduplicated.ligneacheminement from '^(\d{5})') as code_postal,
    nullif(
        btrim(substring(deduplicated.ligneacheminement from '^\d{5}\s+(.*?)(\s+CEDEX\M.*)?$')),
        ''
    ) as localite,
    deduplicated.telephone,
    deduplicated.telecopie,
    deduplicated.categetab,
    deduplicated.libcategetab,
    deduplicated.siret,
    deduplicated.dateouv,
    deduplicated.datemaj
from deduplicated

-- FINESS establishments (etablissements.csv, one raw record per line after the
-- banner), typed and cleaned, restricted to the three categories data·inclusion
-- publishes (CMP 156, ESAT 246, MDPH 609: seed map_finess__categories). Still in
-- FINESS's own column model; the v1 mapping is in int_finess__*_v1.
with

raw_lines as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('finess', 'etablissements') }} as raw_records
),

categories as (
    select * from {{ ref('map_finess__categories') }}
),

typed as (
    select
        raw_lines.run_id as run_id,
        raw_lines.record_number as record_number,
        nullif(btrim(raw_lines.data ->> 'typeet', E' \t\r\n'), '') as typeet,
        nullif(btrim(raw_lines.data ->> 'nofinesset', E' \t\r\n'), '') as nofinesset,
        nullif(btrim(raw_lines.data ->> 'nofinessej', E' \t\r\n'), '') as nofinessej,
        nullif(btrim(raw_lines.data ->> 'rs', E' \t\r\n'), '') as rs,
        nullif(btrim(raw_lines.data ->> 'rslongue', E' \t\r\n'), '') as rslongue,
        nullif(btrim(raw_lines.data ->> 'complrs', E' \t\r\n'), '') as complrs,
        nullif(btrim(raw_lines.data ->> 'compldistrib', E' \t\r\n'), '') as compldistrib,
        nullif(btrim(raw_lines.data ->> 'numvoie', E' \t\r\n'), '') as numvoie,
        nullif(btrim(raw_lines.data ->> 'typvoie', E' \t\r\n'), '') as typvoie,
        nullif(btrim(raw_lines.data ->> 'voie', E' \t\r\n'), '') as voie,
        nullif(btrim(raw_lines.data ->> 'compvoie', E' \t\r\n'), '') as compvoie,
        nullif(btrim(raw_lines.data ->> 'lieuditbp', E' \t\r\n'), '') as lieuditbp,
        nullif(btrim(raw_lines.data ->> 'commune', E' \t\r\n'), '') as commune,
        nullif(btrim(raw_lines.data ->> 'departement', E' \t\r\n'), '') as departement,
        nullif(btrim(raw_lines.data ->> 'libdepartement', E' \t\r\n'), '') as libdepartement,
        nullif(btrim(raw_lines.data ->> 'ligneacheminement', E' \t\r\n'), '') as ligneacheminement,
        nullif(btrim(raw_lines.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_lines.data ->> 'telecopie', E' \t\r\n'), '') as telecopie,
        nullif(btrim(raw_lines.data ->> 'categetab', E' \t\r\n'), '') as categetab,
        nullif(btrim(raw_lines.data ->> 'libcategetab', E' \t\r\n'), '') as libcategetab,
        nullif(btrim(raw_lines.data ->> 'siret', E' \t\r\n'), '') as siret,
        -- FINESS writes ISO dates; an impossible date becomes NULL instead of
        -- failing the model
        (
            jsonb_path_query_first(
                to_jsonb(left(btrim(raw_lines.data ->> 'dateouv'), 10)),
                '$.datetime("YYYY-MM-DD")', '{}', true
            ) #>> '{}'
        )::date as dateouv,
        (
            jsonb_path_query_first(
                to_jsonb(left(btrim(raw_lines.data ->> 'datemaj'), 10)),
                '$.datetime("YYYY-MM-DD")', '{}', true
            ) #>> '{}'
        )::date as datemaj
    from raw_lines as raw_lines
),

-- only establishment lines (a `geolocalisation;…` line has no category) of
-- the three published categories
kept as (
    select typed.*
    from typed as typed
    inner join categories as categories
        on categories.raw = typed.categetab
    where typed.typeet = 'structureet'
),

-- nofinesset is unique in FINESS; should a line be repeated, the first wins
deduplicated as (
    select distinct on (kept.nofinesset) kept.*
    from kept as kept
    where kept.nofinesset is not null
    order by kept.nofinesset, kept.record_number
),

final as (
    select
        deduplicated.run_id as run_id,
        deduplicated.record_number as record_number,
        deduplicated.nofinesset as nofinesset,
        deduplicated.nofinessej as nofinessej,
        deduplicated.rs as rs,
        deduplicated.rslongue as rslongue,
        deduplicated.complrs as complrs,
        deduplicated.compldistrib as compldistrib,
        deduplicated.numvoie as numvoie,
        deduplicated.typvoie as typvoie,
        deduplicated.voie as voie,
        deduplicated.compvoie as compvoie,
        deduplicated.lieuditbp as lieuditbp,
        deduplicated.commune as commune,
        deduplicated.departement as departement,
        deduplicated.libdepartement as libdepartement,
        deduplicated.ligneacheminement as ligneacheminement,
        -- "<postal code> <TOWN>[ CEDEX…]": the code is the first 5 digits, the
        -- town what follows it up to a CEDEX mention (a delivery office, not
        -- a commune)
        substring(deduplicated.ligneacheminement from '^(\d{5})') as code_postal,
        nullif(
            btrim(substring(deduplicated.ligneacheminement from '^\d{5}\s+(.*?)(\s+CEDEX\M.*)?$')),
            ''
        ) as localite,
        deduplicated.telephone as telephone,
        deduplicated.telecopie as telecopie,
        deduplicated.categetab as categetab,
        deduplicated.libcategetab as libcategetab,
        deduplicated.siret as siret,
        deduplicated.dateouv as dateouv,
        deduplicated.datemaj as datemaj
    from deduplicated as deduplicated
)

select * from final

-- The address of each kept FINESS establishment, shared by its structure and
-- its service (sources/finess.md §5). FINESS splits the street line into
-- number, number complement, street-type code and street name; the code is
-- expanded with seed map_finess__types_voie (an unlisted code is kept as
-- written and listed by int__unknown_values).
with

parts as (
    select
        etablissements.nofinesset,
        nullif(
            concat_ws(
                ' ',
                etablissements.numvoie,
                etablissements.compvoie,
                coalesce(types_voie.v1, etablissements.typvoie),
                -- a line with no street name uses its locality (lieu-dit, BP)
                coalesce(etablissements.voie, etablissements.lieuditbp)
            ),
            ''
        ) as adresse,
        -- the locality goes to the complement only when it is not already
        -- the street line (no street name): it would be written twice
        nullif(
            concat_ws(
                ' ',
                case when etablissements.voie is not null then etablissements.lieuditbp end,
                etablissements.compldistrib
            ),
            ''
        ) as complement_adresse,
        etablissements.localite as commune,
        etablissements.code_postal,
        -- FINESS codes overseas départements 9A…9F; their INSEE communes are
        -- 97 + the 3-digit commune part (9D + 411 -> 97411)
        case
            when etablissements.departement ~ '^9[A-F]$' and etablissements.commune ~ '^\d{3}$'
                then '97' || etablissements.commune
            when etablissements.departement ~ '^(\d{2}|2[AB])$' and etablissements.commune ~ '^\d{3}$'
                then etablissements.departement || etablissements.commune
        end as code_insee,
        -- the COG département code (974 for FINESS 9D)
        coalesce(departements.v1, etablissements.departement) as code_departement
    from {{ ref('stg_finess__etablissements') }} as etablissements
    left join {{ ref('map_finess__types_voie') }} as types_voie
        on types_voie.raw = etablissements.typvoie
    left join {{ ref('map_finess__departements') }} as departements
        on departements.raw = etablissements.departement
)

select
    parts.nofinesset,
    case when address.is_kept then parts.adresse end as adresse,
    case when address.is_kept then parts.complement_adresse end as complement_adresse,
    case when address.is_kept then parts.commune end as commune,
    case when address.is_kept then parts.code_postal end as code_postal,
    case when address.is_kept then parts.code_insee end as code_insee,
    -- FINESS gives Lambert 93 coordinates on separate lines only in some
    -- extractions; none are published here
    null::double precision as longitude,
    null::double precision as latitude,
    parts.code_departement
from parts
-- an address is published only with a street line (or complement) and a
-- locality (sources/README §3)
cross join lateral (
    select
        (parts.adresse is not null or parts.complement_adresse is not null)
        and (parts.commune is not null or parts.code_postal is not null or parts.code_insee is not null)
        as is_kept
) as address

-- CD35 services in the data·inclusion v1 model (sources/cd35.md §5): one
-- service per (organisation, recognised THEMATIQUE item that maps to a v1
-- thematique), delivered at the organisation's address.
with

-- items matching no label, or a label with no v1 thematique (CCAS, Mairies,
-- ESAT…), give no service; two items matching the same label (a misspelt
-- copy) give one service, the first item's
themes as (
    select distinct on (organisation_themes.organisation_id, map_thematiques.slug)
        organisation_themes.organisation_id,
        organisation_themes.raw_value,
        map_thematiques.slug,
        map_thematiques.v1 as thematique,
        map_thematiques.type
    from {{ ref('stg_cd35__organisations__thematiques') }} as organisation_themes
    inner join {{ ref('map_cd35__thematiques') }} as map_thematiques
        on map_thematiques.raw = organisation_themes.label
    where map_thematiques.v1 is not null
    order by organisation_themes.organisation_id, map_thematiques.slug, organisation_themes.position
),

-- the publics of an organisation apply to each of its services
organisation_publics as (
    select distinct
        organisation_profils.organisation_id,
        map_profils.v1 as public
    from {{ ref('stg_cd35__organisations__profils') }} as organisation_profils
    inner join {{ ref('map_cd35__profils') }} as map_profils
        on map_profils.raw = organisation_profils.label
    where map_profils.v1 is not null
),

publics as (
    select
        organisation_publics.organisation_id,
        -- C collation: the same order on every server, whatever its locale
        array_agg(organisation_publics.public order by organisation_publics.public collate "C") as publics
    from organisation_publics
    group by organisation_publics.organisation_id
)

select
    'cd35' as source,
    'cd35--' || organisations.id || '--' || themes.slug as id,
    'cd35--' || organisations.id as structure_id,
    -- the theme as the layer wrote it (a misspelling included)
    themes.raw_value as nom,
    organisations.presentation_detail as description,
    organisations.lien_source,
    themes.type,
    array[themes.thematique] as thematiques,
    null::text as frais,
    publics.publics,
    {{ kept_address('organisations', 'address.is_kept') }},
    organisations.telephone,
    organisations.courriel,
    null::text[] as modes_accueil,
    -- the directory covers Ille-et-Vilaine only
    array['35'] as zone_eligibilite,
    -- sorted with the C collation, as every list of the v1 layer
    {{ contact_modes('organisations.courriel', 'organisations.telephone') }} as modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    organisations.horaires_ouverture as horaires_accueil,
    organisations.date_maj,
    -- the zone is always given
    null::text as _zone_eligibilite_type
from themes
inner join {{ ref('stg_cd35__organisations') }} as organisations
    on organisations.id = themes.organisation_id
cross join lateral (
    select
        (organisations.adresse is not null or organisations.complement_adresse is not null)
        and (
            organisations.commune is not null
            or organisations.code_insee is not null
            or organisations.code_postal is not null
        ) as is_kept
) as address
left join publics
    on publics.organisation_id = organisations.id

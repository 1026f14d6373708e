-- CD35 organisations in the data·inclusion v1 model (sources/cd35.md §5): one
-- structure per organisation, its address kept with it.
select
    'cd35' as source,
    'cd35--' || organisations.id as id,
    organisations.nom,
    organisations.date_maj,
    organisations.presentation_detail as description,
    organisations.lien_source,
    -- an address is published only when it has a street line and a
    -- locality; otherwise all its fields stay empty (sources/README §3)
    {{ kept_address('organisations', 'address.is_kept') }},
    organisations.telephone,
    organisations.courriel,
    organisations.site_web,
    -- free text ("Du lundi au vendredi, 9h-12h"), not OSM syntax: copied
    -- as is, as upstream does
    organisations.horaires_ouverture as horaires_accueil,
    -- only CCAS and MAIRIE name a network; a sigle listed with an empty
    -- v1 cell, or absent from the seed, gives none
    case
        when map_sigles.v1 is not null then array[map_sigles.v1]
    end as reseaux_porteurs
from {{ ref('stg_cd35__organisations') }} as organisations
cross join lateral (
    select
        (organisations.adresse is not null or organisations.complement_adresse is not null)
        and (
            organisations.commune is not null
            or organisations.code_insee is not null
            or organisations.code_postal is not null
        ) as is_kept
) as address
left join {{ ref('map_cd35__sigles') }} as map_sigles
    on map_sigles.raw = organisations.sigle

-- AGEFIPH regional offices in the data·inclusion v1 model (sources/agefiph.md
-- §5): one structure per office kept by stg_agefiph__structures.
select
    'agefiph' as source,
    'agefiph--' || offices.id as id,
    offices.title as nom,
    offices.changed as date_maj,
    -- the API has no presentation of the offices: every office gets the
    -- same short statement of AGEFIPH's mission (as upstream does)
    'L’Agefiph accompagne les personnes handicapées pour se former, trouver ou garder un emploi '
    || 'et créer leur entreprise, et aide à compenser les conséquences du handicap en situation '
    || 'd’emploi ou de formation. Elle propose aux personnes et aux employeurs des aides '
    || 'financières, des services et un accompagnement.' as description,
    coalesce(offices.lien_externe, 'https://www.agefiph.fr/annuaire') as lien_source,
    -- the address comes from a table kept by hand upstream (the API's own
    -- address field is not used); an office missing from it has none
    map_adresses.commune,
    map_adresses.code_postal,
    map_adresses.code_insee,
    map_adresses.adresse,
    map_adresses.complement_adresse,
    -- The Toulouse row of that table carries coordinates in La Réunion.
    -- A metropolitan address whose point lies outside metropolitan
    -- France (Corsica included) gets no coordinates rather than wrong ones.
    case
        when map_adresses.code_insee like '97%'
            or (
                map_adresses.longitude::double precision between -5.5 and 10
                and map_adresses.latitude::double precision between 41 and 51.5
            )
            then map_adresses.longitude::double precision
    end as longitude,
    case
        when map_adresses.code_insee like '97%'
            or (
                map_adresses.longitude::double precision between -5.5 and 10
                and map_adresses.latitude::double precision between 41 and 51.5
            )
            then map_adresses.latitude::double precision
    end as latitude,
    offices.telephone,
    offices.courriel,
    coalesce(offices.lien_externe, 'https://www.agefiph.fr/annuaire') as site_web,
    -- free text ("Du lundi au vendredi de 9h à 18h"), not opening_hours
    -- syntax: copied as is, as upstream does
    offices.horaires as horaires_accueil,
    array['agefiph'] as reseaux_porteurs
from {{ ref('stg_agefiph__structures') }} as offices
left join {{ ref('map_agefiph__adresses') }} as map_adresses
    on map_adresses.raw = offices.id

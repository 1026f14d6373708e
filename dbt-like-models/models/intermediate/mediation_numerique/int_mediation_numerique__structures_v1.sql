-- Places of the Cartographie nationale des lieux de médiation numérique as v1
-- structures (sources/mediation-numerique.md §5). Each place also yields one
-- service with the same id (int_mediation_numerique__services_v1).
with

mapped_reseaux as (
    select distinct
        places.record_number,
        map_dispositifs.v1 as reseau_porteur
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.dispositif_programmes_nationaux) as dispositif (value)
    inner join {{ ref('map_mediation_numerique__dispositifs') }} as map_dispositifs
        on map_dispositifs.raw = dispositif.value
    where map_dispositifs.v1 is not null
),

reseaux_by_place as (
    select
        mapped_reseaux.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(mapped_reseaux.reseau_porteur order by mapped_reseaux.reseau_porteur collate "C") as reseaux_porteurs
    from mapped_reseaux
    group by mapped_reseaux.record_number
)

select
    'mediation-numerique' as source,
    'mediation-numerique--' || places.id as id,
    places.nom,
    places.date_maj,
    coalesce(places.presentation_detail, places.presentation_resume) as description,
    'https://cartographie.societenumerique.gouv.fr/cartographie/' || places.id || '/details' as lien_source,
    -- `pivot` may hold an RNA number, and ANCT now always sends the
    -- placeholder 00000000000000: only a plausible SIRET is kept
    case
        when char_length(places.pivot) = 14 and places.pivot <> '00000000000000'
            then places.pivot
    end as siret,
    places.commune,
    places.code_postal,
    places.code_insee,
    -- the street line is rebuilt from its parts ("12 bis rue de l'Exemple")
    nullif(
        concat_ws(' ', places.adresse_numero_voie, places.adresse_repetition, places.adresse_nom_voie),
        ''
    ) as adresse,
    places.longitude,
    places.latitude,
    places.telephone,
    -- the first address of the place, whichever shape `courriels` had
    places.courriels[1] as courriel,
    -- the national standard allows several URLs joined with |, v1 holds
    -- one: the first is kept (a joined value is not a valid URL)
    nullif(btrim(split_part(places.site_web, '|', 1), E' \t\r\n'), '') as site_web,
    places.horaires as horaires_accueil,
    reseaux_by_place.reseaux_porteurs
from {{ ref('stg_mediation_numerique__structures') }} as places
left join reseaux_by_place
    on reseaux_by_place.record_number = places.record_number

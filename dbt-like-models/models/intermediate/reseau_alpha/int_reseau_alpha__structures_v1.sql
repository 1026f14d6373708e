-- Réseau Alpha structures in the data·inclusion v1 model
-- (sources/reseau-alpha.md §5): date and website scraped from the structure's
-- page, contact and address chosen by staging.
select
    'reseau-alpha' as source,
    'reseau-alpha--' || structures.id as id,
    structures.nom,
    -- cartographie.json has no date: the page's "dernière modification"
    pages.date_derniere_modification as date_maj,
    structures.description,
    structures.url as lien_source,
    case when address.is_kept then structures.adresse_ville end as commune,
    case when address.is_kept then structures.adresse_code_postal end as code_postal,
    case when address.is_kept then address.adresse end as adresse,
    case when address.is_kept then structures.adresse_longitude end as longitude,
    case when address.is_kept then structures.adresse_latitude end as latitude,
    coalesce(structures.contact_telephone1, structures.contact_telephone2) as telephone,
    structures.contact_email as courriel,
    pages.url as site_web
from {{ ref('stg_reseau_alpha__structures') }} as structures
left join {{ ref('stg_reseau_alpha__pages') }} as pages
    on pages.structure_id = structures.id
-- "12, rue de l'Exemple"; published only with a locality (sources/README §3)
cross join lateral (
    select
        nullif(concat_ws(', ', structures.adresse_numero, structures.adresse_voie), '') as adresse,
        structures.adresse_voie is not null
        and (structures.adresse_ville is not null or structures.adresse_code_postal is not null) as is_kept
) as address

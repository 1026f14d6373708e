-- Ma Boussole Aidants structures in the data·inclusion v1 model
-- (sources/ma-boussole-aidants.md §5): one structure per CCAS, MDA or MDS,
-- with its address; commune name and INSEE code come from the referential.
select
    'ma-boussole-aidants' as source,
    'ma-boussole-aidants--' || structures.id as id,
    structures.nom,
    structures.date_maj,
    -- the API only has the generic text of the structure's type
    structures.description_type_structure as description,
    -- the page URL needs the type's segment and a real département code
    -- ("Inconnu" gives no link)
    case
        when structures.code_departement is not null and map_types_structure.url_segment is not null
            then 'https://maboussoleaidants.fr/mes-solutions/'
                || map_types_structure.url_segment || '/'
                || structures.code_departement || '/'
                || structures.id
    end as lien_source,
    -- the parent entity's SIRET (the commune for a CCAS)
    structures.siret,
    -- an address is published only when it has a street line and a
    -- locality; otherwise all its fields stay empty (sources/README §3)
    case when address.is_kept then structure_communes.commune end as commune,
    case when address.is_kept then structures.code_postal end as code_postal,
    case when address.is_kept then structure_communes.code_insee end as code_insee,
    case when address.is_kept then structures.adresse end as adresse,
    null::text as complement_adresse,
    case when address.is_kept then structures.longitude end as longitude,
    case when address.is_kept then structures.latitude end as latitude,
    structures.telephone,
    structures.courriel,
    structures.site_web,
    case
        when map_types_structure.v1 is not null then array[map_types_structure.v1]
    end as reseaux_porteurs
from {{ ref('stg_ma_boussole_aidants__structures') }} as structures
left join {{ ref('int_ma_boussole_aidants__communes') }} as structure_communes
    on structure_communes.structure_id = structures.id
left join {{ ref('map_ma_boussole_aidants__types_structure') }} as map_types_structure
    on map_types_structure.raw = structures.id_type_structure
cross join lateral (
    select
        structures.adresse is not null
        and (structure_communes.code_insee is not null or structures.code_postal is not null) as is_kept
) as address

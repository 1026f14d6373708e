-- Structures of les emplois de l'inclusion (SIAE and prescribers) in the
-- data·inclusion v1 model (sources/emplois-de-linclusion.md §5). This source
-- produces no services.
select
    'emplois-de-linclusion' as source,
    'emplois-de-linclusion--' || structures.id as id,
    structures.nom,
    structures.date_maj,
    -- placeholders such as "-" or "OK" are not descriptions (1 to 5 chars)
    case
        when char_length(structures.description) > 5 then structures.description
    end as description,
    structures.lien_source,
    structures.siret,
    -- an address is published only when it has a street line and a
    -- locality; otherwise all its fields stay empty (sources/README §3)
    -- no INSEE code in this source (filled later by geocoding)
    {{ kept_address('structures', 'address.is_kept', 'code_insee') }},
    structures.telephone,
    structures.courriel,
    structures.site_web,
    -- a kind listed with an empty v1 cell is known and gives no network
    case
        when map_kinds.v1 is not null then array[map_kinds.v1]
    end as reseaux_porteurs
from {{ ref('stg_emplois_de_linclusion__structures') }} as structures
cross join lateral (
    select
        (structures.adresse is not null or structures.complement_adresse is not null)
        and (structures.commune is not null or structures.code_postal is not null) as is_kept
) as address
left join {{ ref('map_emplois_de_linclusion__kinds') }} as map_kinds
    on map_kinds.raw = structures.kind

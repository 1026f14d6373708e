-- Action Logement offices in the data·inclusion v1 model
-- (sources/action-logement.md §5): the Grist columns are already v1 fields.
select
    'action-logement' as source,
    'action-logement--' || structures.id as id,
    structures.nom,
    structures.date_maj,
    structures.description,
    structures.lien_source,
    structures.siret,
    -- an address is published only when it has a street line and a
    -- locality (sources/README §3); no INSEE code nor coordinates here
    -- (upstream's geocoding fills them later)
    {{ kept_address('structures', 'address.is_kept', 'code_insee', 'longitude', 'latitude') }},
    structures.telephone,
    null::text as courriel,
    structures.site_web,
    structures.horaires_accueil,
    -- typed as v1 values by the editors; a value outside v1 is kept so
    -- that validation reports it (and int_action_logement__unknown_values)
    {{ sorted_distinct('structures.reseaux_porteurs') }} as reseaux_porteurs
from {{ ref('stg_action_logement__structures') }} as structures
cross join lateral (
    select
        (structures.adresse is not null or structures.complement_adresse is not null)
        and (structures.commune is not null or structures.code_postal is not null) as is_kept
) as address

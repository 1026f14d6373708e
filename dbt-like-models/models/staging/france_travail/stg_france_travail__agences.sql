-- France Travail agencies, one row per object of agences.json (the
-- referentielagences API body), typed and cleaned but still in the API's own
-- data model. The agency e-mail is deliberately not staged: France Travail
-- asked that it never be published (sources/france-travail.md §3.1).
select
    {{ source_header() }},
    {{ text('code') }} as code,
    {{ text('libelle') }} as libelle,
    {{ text('libelleEtendu') }} as libelle_etendu,
    {{ text('type') }} as type,
    {{ text('siret') }} as siret,
    -- a JSON boolean in the API; a string "true"/"O" is read the same way
    case jsonb_typeof(data -> 'dispositifADEDA')
        when 'boolean' then (data -> 'dispositifADEDA')::boolean
        when 'string' then lower(btrim(data ->> 'dispositifADEDA')) in ('true', 'o', 'oui', '1')
    end as dispositif_adeda,
    {{ text('{adressePrincipale,ligne4}') }} as adresse,
    {{ text('{adressePrincipale,ligne3}') }} as complement_adresse,
    -- communeImplantation is the INSEE code, bureauDistributeur the postal
    -- code; both stay text (leading zeros, 2A/2B)
    {{ text('{adressePrincipale,communeImplantation}') }} as code_insee,
    {{ text('{adressePrincipale,bureauDistributeur}') }} as code_postal,
    -- .double() in silent mode: numbers or numeric strings, NULL otherwise
    {{ number('adressePrincipale.gpsLat') }} as latitude,
    {{ number('adressePrincipale.gpsLon') }} as longitude,
    {{ text('{contact,telephonePublic}') }} as telephone_public,
    -- the opening hours stay a JSON array of day objects here; they are
    -- converted to OSM opening_hours in int_france_travail__structures_v1.
    -- An absent list stays NULL (unknown hours), an empty one is kept.
    case
        when jsonb_typeof(data -> 'horaires') = 'array' then data -> 'horaires'
    end as horaires
from {{ source('france-travail', 'agences') }}

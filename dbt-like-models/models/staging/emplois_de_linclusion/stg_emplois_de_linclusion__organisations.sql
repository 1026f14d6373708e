-- Prescriber and orienter organisations of les emplois de l'inclusion, one
-- row per object of organisations.json, typed and cleaned.
select
    {{ source_header() }},
    records.id,
    records.kind,
    records.nom,
    records.siret,
    records.description,
    records.adresse,
    records.complement_adresse,
    records.code_postal,
    records.commune,
    records.latitude,
    records.longitude,
    records.telephone,
    records.courriel,
    records.site_web,
    records.lien_source,
    records.date_maj
from {{ ref('stg_emplois_de_linclusion__records') }} as records
where records.stream = 'organisations'

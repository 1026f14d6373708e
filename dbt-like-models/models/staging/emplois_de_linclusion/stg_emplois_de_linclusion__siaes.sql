-- SIAE (employers of the IAE sector) of les emplois de l'inclusion, one row
-- per object of siaes.json, typed and cleaned.
with

records as (
    select * from {{ ref('stg_emplois_de_linclusion__records') }}
),

final as (
    select
        records.run_id as run_id,
        records.record_number as record_number,
        records.id as id,
        records.kind as kind,
        records.nom as nom,
        records.siret as siret,
        records.description as description,
        records.adresse as adresse,
        records.complement_adresse as complement_adresse,
        records.code_postal as code_postal,
        records.commune as commune,
        records.latitude as latitude,
        records.longitude as longitude,
        records.telephone as telephone,
        records.courriel as courriel,
        records.site_web as site_web,
        records.lien_source as lien_source,
        records.date_maj as date_maj
    from records as records
    where records.stream = 'siaes'
)

select * from final

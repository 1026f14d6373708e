-- Every structure of les emplois de l'inclusion: the set union of both
-- streams, which share one object shape and one id namespace. Rows that are
-- identical once staged (lineage aside) collapse into one, as upstream's
-- SQL `union` does; the lineage of the first occurrence is kept.
with

organisations as (
    select
        'organisations' as stream,
        organisations.*
    from {{ ref('stg_emplois_de_linclusion__organisations') }} as organisations
),

siaes as (
    select
        'siaes' as stream,
        siaes.*
    from {{ ref('stg_emplois_de_linclusion__siaes') }} as siaes
),

unioned as (
    select * from organisations
    union all
    select * from siaes
),

ranked as (
    select
        unioned.*,
        row_number() over (
            partition by to_jsonb(unioned) - array['stream', 'run_id', 'record_number']
            order by unioned.stream, unioned.run_id, unioned.record_number
        ) as copy_number
    from unioned as unioned
),

final as (
    select
        ranked.stream as stream,
        ranked.run_id as run_id,
        ranked.record_number as record_number,
        ranked.id as id,
        ranked.kind as kind,
        ranked.nom as nom,
        ranked.siret as siret,
        ranked.description as description,
        ranked.adresse as adresse,
        ranked.complement_adresse as complement_adresse,
        ranked.code_postal as code_postal,
        ranked.commune as commune,
        ranked.latitude as latitude,
        ranked.longitude as longitude,
        ranked.telephone as telephone,
        ranked.courriel as courriel,
        ranked.site_web as site_web,
        ranked.lien_source as lien_source,
        ranked.date_maj as date_maj
    from ranked as ranked
    where ranked.copy_number = 1
)

select * from final

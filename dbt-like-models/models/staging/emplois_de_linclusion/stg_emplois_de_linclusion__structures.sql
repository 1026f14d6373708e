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
    from unioned
)

select
    ranked.stream,
    {{ source_header() }},
    ranked.id,
    ranked.kind,
    ranked.nom,
    ranked.siret,
    ranked.description,
    ranked.adresse,
    ranked.complement_adresse,
    ranked.code_postal,
    ranked.commune,
    ranked.latitude,
    ranked.longitude,
    ranked.telephone,
    ranked.courriel,
    ranked.site_web,
    ranked.lien_source,
    ranked.date_maj
from ranked
where ranked.copy_number = 1

-- The quality score of each service, as data·inclusion computes it
-- (schema README, "Quality score"): the mean of the criteria that apply,
-- each in [0, 1], rounded to two decimals. One row per service, with each
-- criterion kept so an analyst can see why a score is low.
with

criteria as (
    select
        services.id,
        -- applies only to services met in person
        case
            when 'en-presentiel' = any(services.modes_accueil) or 'se-presenter' = any(services.modes_mobilisation)
                then case when services.adresse is not null then 1.0 else 0.0 end
        end as adresse_bien_definie,
        case
            when services.modes_mobilisation is not null and services.mobilisable_par is not null then 1.0
            when services.modes_mobilisation is not null or services.mobilisable_par is not null then 0.5
            else 0.0
        end as modes_mobilisation_bien_definis,
        case when cardinality(services.publics) > 0 then 1.0 else 0.0 end as au_moins_un_public,
        case when cardinality(services.thematiques) > 0 then 1.0 else 0.0 end as au_moins_une_thematique,
        case
            when services.courriel is not null or services.lien_mobilisation is not null or services.telephone is not null
                then 1.0
            else 0.0
        end as au_moins_un_moyen_de_contact,
        case
            when 'envoyer-un-courriel' = any(services.modes_mobilisation)
                then case when services.courriel is not null then 1.0 else 0.0 end
        end as courriel_bien_defini,
        case
            when 'telephoner' = any(services.modes_mobilisation)
                then case when services.telephone is not null then 1.0 else 0.0 end
        end as telephone_bien_defini,
        -- these two sources republish their catalogue without dates that
        -- mean anything, so freshness is not judged for them
        case
            when services.source in ('agefiph', 'france-travail') then null
            when services.date_maj is null then 0.0
            when services.date_maj >= current_date - interval '6 months' then 1.0
            when services.date_maj <= current_date - interval '2 years' then 0.0
            else round(
                ((services.date_maj - (current_date - interval '2 years')::date)::numeric
                / ((current_date - interval '6 months')::date - (current_date - interval '2 years')::date)),
                4
            )
        end as date_maj_recente,
        case
            when services.frais is null then 0.0
            when services.frais = 'gratuit' then 1.0
            when services.frais = 'payant' and services.frais_precisions is not null then 1.0
            else 0.5
        end as frais_bien_definis,
        case
            when coalesce(char_length(services.description), 0) < 50 then 0.0
            when char_length(services.description) < 200 then 0.5
            when char_length(services.description) < 2000 then 1.0
            else 0.5
        end as description_bien_definie
    from {{ ref('int__services_v1') }} as services
)

select
    criteria.id,
    round(
        (
            select avg(criterion.value)
            from unnest(array[
                criteria.adresse_bien_definie, criteria.modes_mobilisation_bien_definis,
                criteria.au_moins_un_public, criteria.au_moins_une_thematique,
                criteria.au_moins_un_moyen_de_contact, criteria.courriel_bien_defini,
                criteria.telephone_bien_defini, criteria.date_maj_recente,
                criteria.frais_bien_definis, criteria.description_bien_definie
            ]) as criterion (value)
            where criterion.value is not null
        ),
        2
    )::double precision as score_qualite,
    criteria.adresse_bien_definie,
    criteria.modes_mobilisation_bien_definis,
    criteria.au_moins_un_public,
    criteria.au_moins_une_thematique,
    criteria.au_moins_un_moyen_de_contact,
    criteria.courriel_bien_defini,
    criteria.telephone_bien_defini,
    criteria.date_maj_recente,
    criteria.frais_bien_definis,
    criteria.description_bien_definie
from criteria

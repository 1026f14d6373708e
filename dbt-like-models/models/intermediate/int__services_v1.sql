-- Every source's services in the v1 model, after the rules that the final
-- layer applies to all sources (sources/README.md §3). One row per service;
-- rows that break a v1 rule are kept and listed in int__validation_errors.
with

unioned as (
    select * from {{ ref('int_dora__services_v1') }}
    union all
    select * from {{ ref('int_mediation_numerique__services_v1') }}
),

final as (
    select
        unioned.source as source,
        unioned.id as id,
        unioned.structure_id as structure_id,
        -- v1 caps nom at 150 chars: longer names are cut, not rejected
        case
            when char_length(unioned.nom) > 150 then left(unioned.nom, 149) || '…'
            else unioned.nom
        end as nom,
        -- v1 caps description at 10,000 chars: longer texts are cut
        case
            when char_length(unioned.description) > 10000 then left(unioned.description, 9999) || '…'
            else unioned.description
        end as description,
        -- Upstream checks every URL with an HTTP request and adds https://
        -- when the scheme is missing. The request cannot be made here, but a
        -- bare domain ("www.example.fr/page") gets the same https:// prefix.
        case
            when unioned.lien_source !~* '^[a-z][a-z0-9+.-]*://'
                and unioned.lien_source ~* '^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#:]|$)'
                then 'https://' || unioned.lien_source
            else unioned.lien_source
        end as lien_source,
        unioned.type as type,
        -- an empty list says nothing more than no list
        nullif(unioned.thematiques, '{}') as thematiques,
        unioned.frais as frais,
        unioned.frais_precisions as frais_precisions,
        nullif(unioned.publics, '{}') as publics,
        unioned.publics_precisions as publics_precisions,
        unioned.conditions_acces as conditions_acces,
        unioned.commune as commune,
        unioned.code_postal as code_postal,
        unioned.code_insee as code_insee,
        unioned.adresse as adresse,
        unioned.complement_adresse as complement_adresse,
        unioned.longitude as longitude,
        unioned.latitude as latitude,
        unioned.telephone as telephone,
        unioned.courriel as courriel,
        unioned.contact_nom_prenom as contact_nom_prenom,
        nullif(unioned.modes_accueil, '{}') as modes_accueil,
        nullif(unioned.zone_eligibilite, '{}') as zone_eligibilite,
        case
            when unioned.lien_mobilisation !~* '^[a-z][a-z0-9+.-]*://'
                and unioned.lien_mobilisation ~* '^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#:]|$)'
                then 'https://' || unioned.lien_mobilisation
            else unioned.lien_mobilisation
        end as lien_mobilisation,
        nullif(unioned.modes_mobilisation, '{}') as modes_mobilisation,
        nullif(unioned.mobilisable_par, '{}') as mobilisable_par,
        unioned.mobilisation_precisions as mobilisation_precisions,
        unioned.volume_horaire_hebdomadaire as volume_horaire_hebdomadaire,
        unioned.nombre_semaines as nombre_semaines,
        unioned.horaires_accueil as horaires_accueil,
        unioned.date_maj as date_maj,
        unioned._is_contact_public as _is_contact_public
    from unioned as unioned
)

select * from final

-- Every source's services in the v1 model, after the rules that the final
-- layer applies to all sources (sources/README.md §3). One row per service;
-- rows that break a v1 rule are kept and listed in int__validation_errors.
with

unioned as (
    select * from {{ ref('int_dora__services_v1') }}
    union all
    select * from {{ ref('int_mediation_numerique__services_v1') }}
    union all
    select * from {{ ref('int_france_travail__services_v1') }}
    union all
    select * from {{ ref('int_action_logement__services_v1') }}
    union all
    select * from {{ ref('int_mes_aides__services_v1') }}
    union all
    select * from {{ ref('int_carif_oref__services_v1') }}
    union all
    select * from {{ ref('int_finess__services_v1') }}
    union all
    select * from {{ ref('int_reseau_alpha__services_v1') }}
    union all
    select * from {{ ref('int_soliguide__services_v1') }}
    union all
    select * from {{ ref('int_agefiph__services_v1') }}
    union all
    select * from {{ ref('int_fredo__services_v1') }}
    union all
    select * from {{ ref('int_cd35__services_v1') }}
    union all
    select * from {{ ref('int_ma_boussole_aidants__services_v1') }}
    union all
    select * from {{ ref('int_monenfant__services_v1') }}
),

final as (
    -- Sources sort their lists in the C collation; the published columns keep
    -- the database default so their type never changes from one refresh to
    -- the next (a changed type would force the marts views to be recreated).
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
        unioned.type collate "default" as type,
        -- an empty list says nothing more than no list
        nullif(unioned.thematiques, '{}') collate "default" as thematiques,
        unioned.frais collate "default" as frais,
        unioned.frais_precisions as frais_precisions,
        nullif(unioned.publics, '{}') collate "default" as publics,
        unioned.publics_precisions as publics_precisions,
        unioned.conditions_acces as conditions_acces,
        unioned.commune as commune,
        unioned.code_postal as code_postal,
        unioned.code_insee as code_insee,
        unioned.adresse as adresse,
        unioned.complement_adresse as complement_adresse,
        unioned.longitude as longitude,
        unioned.latitude as latitude,
        -- normalizers of sql/migrations/0007; what they set aside is listed,
        -- with the reason, in int__set_aside_values
        phone_e164(unioned.telephone) as telephone,
        email_normalized(unioned.courriel) as courriel,
        unioned.contact_nom_prenom as contact_nom_prenom,
        nullif(unioned.modes_accueil, '{}') collate "default" as modes_accueil,
        nullif(unioned.zone_eligibilite, '{}') collate "default" as zone_eligibilite,
        case
            when unioned.lien_mobilisation !~* '^[a-z][a-z0-9+.-]*://'
                and unioned.lien_mobilisation ~* '^[a-z0-9-]+(\.[a-z0-9-]+)+([/?#:]|$)'
                then 'https://' || unioned.lien_mobilisation
            else unioned.lien_mobilisation
        end as lien_mobilisation,
        nullif(unioned.modes_mobilisation, '{}') collate "default" as modes_mobilisation,
        nullif(unioned.mobilisable_par, '{}') collate "default" as mobilisable_par,
        unioned.mobilisation_precisions as mobilisation_precisions,
        unioned.volume_horaire_hebdomadaire as volume_horaire_hebdomadaire,
        unioned.nombre_semaines as nombre_semaines,
        unioned.horaires_accueil as horaires_accueil,
        unioned.date_maj as date_maj,
        unioned._is_contact_public as _is_contact_public,
        -- the values as the sources gave them, before normalization
        unioned.telephone as _telephone_source,
        unioned.courriel as _courriel_source
    from unioned as unioned
)

select * from final

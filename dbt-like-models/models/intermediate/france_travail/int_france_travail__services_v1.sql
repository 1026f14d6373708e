-- The France Travail national catalogue offered in every agency
-- (sources/france-travail.md §5): one v1 service per (agency, catalogue row),
-- the catalogue's v1 fields copied, the place and the fallbacks taken from
-- the agency.
with

-- the agency as published: its address and converted opening hours
final as (
    select
        'france-travail' as source,
        -- one dash between the two native ids (sources/README §3)
        'france-travail--' || agences.code || '-' || catalogue.id as id,
        structures.id as structure_id,
        catalogue.nom,
        catalogue.description,
        catalogue.lien_source,
        catalogue.type,
        -- v1 values typed by the editors: values outside v1 are kept so that
        -- validation reports them (and int_france_travail__unknown_values)
        {{ sorted_distinct('catalogue.thematiques') }} as thematiques,
        catalogue.frais,
        catalogue.frais_precisions,
        {{ sorted_distinct('catalogue.publics') }} as publics,
        catalogue.publics_precisions,
        catalogue.conditions_acces,
        -- the service is delivered at the agency
        structures.commune,
        structures.code_postal,
        structures.code_insee,
        structures.adresse,
        structures.complement_adresse,
        structures.longitude,
        structures.latitude,
        -- catalogue-level contact, never the agency's own
        catalogue.telephone,
        catalogue.courriel,
        catalogue.contact_nom_prenom,
        {{ sorted_distinct('catalogue.modes_accueil') }} as modes_accueil,
        -- the catalogue's zone, else the département of the agency's commune
        -- (from the INSEE referential, else read from the code itself:
        -- 3 characters overseas, 2 otherwise)
        coalesce(
            catalogue.zone_eligibilite,
            case
                when commune.code_departement is not null then array[commune.code_departement]
                when agences.code_insee ~ '^97\d{3}$' then array[left(agences.code_insee, 3)]
                when agences.code_insee ~ '^(\d{2}|2[AB])\d{3}$' then array[left(agences.code_insee, 2)]
            end
        ) as zone_eligibilite,
        catalogue.lien_mobilisation,
        {{ sorted_distinct('catalogue.modes_mobilisation') }} as modes_mobilisation,
        {{ sorted_distinct('catalogue.mobilisable_par') }} as mobilisable_par,
        catalogue.mobilisation_precisions,
        catalogue.volume_horaire_hebdomadaire,
        catalogue.nombre_semaines,
        -- the catalogue's hours, else the agency's
        coalesce(catalogue.horaires_accueil, structures.horaires_accueil) as horaires_accueil,
        catalogue.date_maj,
        -- an empty catalogue zone is the agency's département: derived from the
        -- geocoded address when the agency's codes give none
        case when catalogue.zone_eligibilite is null then 'departement' end as _zone_eligibilite_type
    from {{ ref('stg_france_travail__services') }} as catalogue
    -- every catalogue service is offered in every agency
    cross join {{ ref('stg_france_travail__agences') }} as agences
    inner join {{ ref('int_france_travail__structures_v1') }} as structures
        on structures.id = 'france-travail--' || agences.code
    left join {{ ref('ref_communes') }} as commune
        on commune.code_insee = agences.code_insee
)

select * from final

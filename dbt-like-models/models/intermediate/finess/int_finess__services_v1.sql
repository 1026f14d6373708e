-- FINESS services in the data·inclusion v1 model (sources/finess.md §5): one
-- fixed service per CMP (`--cmp`) and per MDPH (`--mdph`); an ESAT gets none
-- (it is a workplace, its admission goes through the MDPH).
with

cmp as (
    select
        'finess' as source,
        'finess--' || etablissements.nofinesset || '--cmp' as id,
        'finess--' || etablissements.nofinesset as structure_id,
        'Consultations médico-psychologiques et sociales' as nom,
        'Consultations, soins et accompagnement social, en ambulatoire, pour toute '
        || 'personne en difficulté psychique, par une équipe pluridisciplinaire '
        || '(psychiatres, psychologues, infirmiers, assistants sociaux).' as description,
        null::text as lien_source,
        'accompagnement' as type,
        array[
            'famille--soutien-a-la-parentalite-et-a-leducation',
            'sante--addictions',
            'sante--sante-mentale'
        ] as thematiques,
        'gratuit' as frais,
        'Prise en charge gratuite et intégralement remboursée par la sécurité sociale' as frais_precisions,
        -- children's and teenagers' CMPs (CMPEA) say so in their short name
        case
            when etablissements.rs ~* '\mADOS?\M|ENFANT|CMPEA' then array['jeunes']
            else array['tous-publics']
        end as publics,
        null::text as publics_precisions,
        null::text as conditions_acces,
        etablissements.telephone,
        null::text as courriel,
        null::text as lien_mobilisation,
        array['se-presenter', 'telephoner'] as modes_mobilisation,
        'Il existe deux sortes de centres médico-psychologiques : ceux qui reçoivent '
        || 'les enfants et les adolescents (CMPEA) et ceux qui reçoivent les adultes (CMP). '
        || 'Le nom de la structure indique le public reçu.' as mobilisation_precisions,
        etablissements.nofinesset,
        etablissements.datemaj as date_maj
    from {{ ref('stg_finess__etablissements') }} as etablissements
    where etablissements.categetab = '156'
),

mdph as (
    select
        'finess' as source,
        'finess--' || etablissements.nofinesset || '--mdph' as id,
        'finess--' || etablissements.nofinesset as structure_id,
        'Accueil, information et ouverture de droits liés au handicap' as nom,
        'La MDPH accueille et informe les personnes en situation de handicap et leurs '
        || 'proches, les aide à constituer leur dossier (allocations, prestation de '
        || 'compensation, reconnaissance de la qualité de travailleur handicapé, '
        || 'orientation) et le transmet à la commission qui décide de leurs droits.' as description,
        null::text as lien_source,
        'accompagnement' as type,
        array[
            'difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits',
            'difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte',
            'sante--constituer-un-dossier-mdph-invalidite'
        ] as thematiques,
        'gratuit' as frais,
        null::text as frais_precisions,
        array['personnes-en-situation-de-handicap'] as publics,
        null::text as publics_precisions,
        null::text as conditions_acces,
        etablissements.telephone,
        null::text as courriel,
        -- the national online filing service of the MDPHs
        'https://mdphenligne.cnsa.fr/' as lien_mobilisation,
        array['envoyer-un-courriel', 'se-presenter', 'telephoner', 'utiliser-lien-mobilisation'] as modes_mobilisation,
        null::text as mobilisation_precisions,
        etablissements.nofinesset,
        etablissements.datemaj as date_maj
    from {{ ref('stg_finess__etablissements') }} as etablissements
    where etablissements.categetab = '609'
),

services as (
    select * from cmp
    union all
    select * from mdph
)

select
    services.source,
    services.id,
    services.structure_id,
    services.nom,
    services.description,
    services.lien_source,
    services.type,
    services.thematiques,
    services.frais,
    services.frais_precisions,
    services.publics,
    services.publics_precisions,
    services.conditions_acces,
    addresses.commune,
    addresses.code_postal,
    addresses.code_insee,
    addresses.adresse,
    addresses.complement_adresse,
    addresses.longitude,
    addresses.latitude,
    services.telephone,
    services.courriel,
    null::text as contact_nom_prenom,
    array['en-presentiel'] as modes_accueil,
    -- the département served, as a COG code: upstream keeps FINESS's own
    -- overseas code (9D), which names no département; 974 is used here
    case
        when addresses.code_departement is not null then array[addresses.code_departement]
    end as zone_eligibilite,
    services.lien_mobilisation,
    services.modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    services.mobilisation_precisions,
    null::double precision as volume_horaire_hebdomadaire,
    null::integer as nombre_semaines,
    null::text as horaires_accueil,
    services.date_maj,
    -- the phone is the establishment's switchboard, not a person's
    null::boolean as _is_contact_public,
    -- the establishment's département: derived from the geocoded address
    -- when the address gives none
    'departement' as _zone_eligibilite_type
from services
inner join {{ ref('int_finess__adresses') }} as addresses
    on addresses.nofinesset = services.nofinesset

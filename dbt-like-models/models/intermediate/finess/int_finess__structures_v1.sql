-- FINESS establishments (CMP, ESAT, MDPH) in the data·inclusion v1 model
-- (sources/finess.md §5): one structure per kept line, its network given by
-- its category, its address rebuilt from the FINESS address columns.
select
    'finess' as source,
    'finess--' || etablissements.nofinesset as id,
    -- the long name is the readable one; the short one is upper-case and
    -- abbreviated, kept only when the long one is missing
    coalesce(etablissements.rslongue, etablissements.rs) as nom,
    etablissements.datemaj as date_maj,
    -- FINESS has no description: a fixed text per category says what the
    -- establishment is for
    case etablissements.categetab
        when '156' then
            'Le centre médico-psychologique (CMP) est un lieu de soins public qui '
            || 'propose des consultations médico-psychologiques et sociales à toute '
            || 'personne en difficulté psychique.' || E'\n\n'
            || 'Certains CMP reçoivent les enfants et les adolescents (CMPEA), les '
            || 'autres les adultes : le nom de la structure indique le public reçu.'
        when '246' then
            'L''établissement et service d''accompagnement par le travail (ESAT) '
            || 'permet à des personnes en situation de handicap d''exercer une activité '
            || 'professionnelle en milieu protégé, avec un soutien médico-social et '
            || 'éducatif, lorsqu''elles ne peuvent pas encore travailler en milieu ordinaire.'
        when '609' then
            'La maison départementale des personnes handicapées (MDPH) accueille, '
            || 'informe, accompagne et conseille les personnes en situation de handicap '
            || 'et leurs proches, quels que soient leur âge et leur situation.' || E'\n\n'
            || 'Elle instruit les demandes de droits et de prestations liées au handicap.'
    end as description,
    etablissements.siret,
    addresses.commune,
    addresses.code_postal,
    addresses.code_insee,
    addresses.adresse,
    addresses.complement_adresse,
    addresses.longitude,
    addresses.latitude,
    etablissements.telephone,
    case when categories.v1 is not null then array[categories.v1] end as reseaux_porteurs
from {{ ref('stg_finess__etablissements') }} as etablissements
inner join {{ ref('int_finess__adresses') }} as addresses
    on addresses.nofinesset = etablissements.nofinesset
left join {{ ref('map_finess__categories') }} as categories
    on categories.raw = etablissements.categetab

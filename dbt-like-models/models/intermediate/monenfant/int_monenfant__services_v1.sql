-- monenfant crèches as data·inclusion v1 services (sources/monenfant.md §5):
-- one childcare service per crèche, same id as its structure, at its address.
with

-- which communes a postal code covers; Paris, Lyon and Marseille have their
-- postal codes on their arrondissements, communes déléguées none of their own
postal_code_communes as (
    select distinct
        btrim(postal_code.value) as code_postal,
        communes.code_insee
    from {{ ref('ref_communes') }} as communes
    cross join lateral unnest(string_to_array(communes.codes_postaux, '|')) as postal_code (value)
    where communes.type in ('COM', 'ARM')
        and btrim(postal_code.value) <> ''
),

served_zones as (
    select
        communes_desservies.creche_id,
        array_agg(distinct postal_code_communes.code_insee) as communes
    from {{ ref('stg_monenfant__creches__communes_desservies') }} as communes_desservies
    inner join postal_code_communes
        on postal_code_communes.code_postal = communes_desservies.code_postal
    group by communes_desservies.creche_id
),

own_zones as (
    select
        creches.id as creche_id,
        array_agg(distinct postal_code_communes.code_insee) as communes
    from {{ ref('stg_monenfant__creches') }} as creches
    inner join postal_code_communes
        on postal_code_communes.code_postal = creches.code_postal
    group by creches.id
),

-- the communes of the served postal codes; when none is found, those of the
-- crèche's own postal code
zones as (
    select
        creches.id as creche_id,
        coalesce(served_zones.communes, own_zones.communes) as communes
    from {{ ref('stg_monenfant__creches') }} as creches
    left join served_zones
        on served_zones.creche_id = creches.id
    left join own_zones
        on own_zones.creche_id = creches.id
)

select
    'monenfant' as source,
    'monenfant--' || creches.id as id,
    'monenfant--' || creches.id as structure_id,
    'Garde et accueil des enfants'
        || case when creches.avip then ', À Vocation d’Insertion Professionnelle' else '' end as nom,
    nullif(
        concat_ws(
            E'\n\n',
            case
                when creches.avip
                    then '## À Vocation d’Insertion Professionnelle (AVIP)' || E'\n\n'
                        || 'Une crèche AVIP réserve des places aux jeunes enfants (de 0 à 3 ans) de parents '
                        || 'sans emploi, en particulier de parents qui élèvent seuls leurs enfants, pour '
                        || 'leur laisser le temps de chercher un emploi ou de se former : entretiens, '
                        || 'formation, rendez-vous avec France Travail, période d’essai, création '
                        || 'd’entreprise… Les enfants y sont accueillis au même tarif et avec la même '
                        || 'qualité que dans les autres crèches ; les parents s’engagent en échange dans '
                        || 'une démarche active de retour à l’emploi. Ces crèches sont nées d’un '
                        || 'partenariat entre la Cnaf et France Travail.'
            end,
            '## Accueil des enfants en situation d’handicap' || E'\n\n' || creches.accueil_handicap,
            '## Le projet pédagogique :' || E'\n\n' || creches.projet_pedagogique
        ),
        ''
    ) as description,
    structures_v1.lien_source,
    'accompagnement' as type,
    array['famille--garde-denfants'] as thematiques,
    'payant' as frais,
    creches.modalites_tarifaires as frais_precisions,
    array['familles'] as publics,
    creches.conditions_admission as conditions_acces,
    structures_v1.commune,
    structures_v1.code_postal,
    structures_v1.code_insee,
    structures_v1.adresse,
    structures_v1.complement_adresse,
    structures_v1.longitude,
    structures_v1.latitude,
    creches.telephone,
    creches.courriel,
    array['en-presentiel'] as modes_accueil,
    (
        select array_agg(commune.code order by commune.code collate "C")
        from unnest(zones.communes) as commune (code)
    ) as zone_eligibilite,
    -- sorted with the C collation, as every list of the v1 layer
    {{ contact_modes('creches.courriel', 'creches.telephone') }} as modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    creches.modalites_inscription as mobilisation_precisions,
    creches.horaires_osm as horaires_accueil,
    creches.date_maj,
    -- the communes served: the geocoded address's commune when no postal
    -- code finds one
    'commune' as _zone_eligibilite_type
from {{ ref('stg_monenfant__creches') }} as creches
inner join {{ ref('int_monenfant__structures_v1') }} as structures_v1
    on structures_v1.id = 'monenfant--' || creches.id
left join zones
    on zones.creche_id = creches.id

-- Current Réseau Alpha formations as data·inclusion v1 services
-- (sources/reseau-alpha.md §5), one per formation kept by staging.
with

-- v1 publics of the publics the formation is reserved to ("exclusif")
exclusive_publics as (
    select
        publics.formation_id,
        array_agg(distinct publics.v1 collate "C" order by publics.v1 collate "C")
            filter (where publics.v1 is not null) as publics,
        -- the two rules upstream meant to apply: they read the slugs before
        -- the join that drops publics mapping to nothing, so they can fire
        bool_or(publics.slug = 'habitant-un-territoire-precis') as is_territoire_precis,
        bool_or(publics.slug = 'oriente-par-des-prescripteurs') as is_oriente_par_prescripteurs
    from {{ ref('int_reseau_alpha__formations__publics') }} as publics
    where publics.priorite = 'exclusif'
    group by publics.formation_id
),

-- "Publics exclusifs :" then "Publics prioritaires :", one "- label" line
-- each, with its details for "Habitant un territoire précis"
publics_precisions as (
    select
        publics.formation_id,
        nullif(
            concat_ws(
                E'\n\n',
                'Publics exclusifs :' || E'\n' || string_agg(
                    '- ' || publics.public_specifique || case
                        when publics.slug = 'habitant-un-territoire-precis' and publics.description is not null
                            then ' : ' || publics.description
                        else ''
                    end,
                    E'\n' order by publics.position
                ) filter (where publics.priorite = 'exclusif'),
                'Publics prioritaires :' || E'\n' || string_agg(
                    '- ' || publics.public_specifique || case
                        when publics.slug = 'habitant-un-territoire-precis' and publics.description is not null
                            then ' : ' || publics.description
                        else ''
                    end,
                    E'\n' order by publics.position
                ) filter (where publics.priorite = 'prioritaire')
            ),
            ''
        ) as publics_precisions
    from {{ ref('int_reseau_alpha__formations__publics') }} as publics
    group by publics.formation_id
),

-- opening hours in OSM syntax: per day the sorted time ranges ("open" all
-- day when a slot has no end), then days with the same ranges grouped, runs
-- of consecutive days written as ranges (Mo,Th-Fr 19:30-21:00 open). Two
-- slots on one day give "Mo 09:00-11:00,14:00-16:00 open".
slots as (
    select
        horaires.formation_id,
        day.number as day_number,
        day.code as day_code,
        horaires.heure_debut,
        horaires.heure_fin
    from {{ ref('stg_reseau_alpha__formations__horaires') }} as horaires
    inner join (
        values
            ('lundi', 1, 'Mo'), ('mardi', 2, 'Tu'), ('mercredi', 3, 'We'), ('jeudi', 4, 'Th'),
            ('vendredi', 5, 'Fr'), ('samedi', 6, 'Sa'), ('dimanche', 7, 'Su')
    ) as day (jour, number, code)
        on day.jour = horaires.jour
),

days as (
    select
        slots.formation_id,
        slots.day_number,
        slots.day_code,
        case
            when bool_or(slots.heure_debut is null or slots.heure_fin is null) then 'open'
            else string_agg(
                distinct slots.heure_debut || '-' || slots.heure_fin, ','
                order by slots.heure_debut || '-' || slots.heure_fin
            ) || ' open'
        end as hours
    from slots
    group by slots.formation_id, slots.day_number, slots.day_code
),

day_runs as (
    select
        days.*,
        -- consecutive days with the same hours share this value
        days.day_number - row_number() over (
            partition by days.formation_id, days.hours order by days.day_number
        ) as run
    from days
),

runs as (
    select
        day_runs.formation_id,
        day_runs.hours,
        min(day_runs.day_number) as first_day,
        case
            when count(*) = 1 then min(day_runs.day_code)
            else (array_agg(day_runs.day_code order by day_runs.day_number))[1]
                || '-' || (array_agg(day_runs.day_code order by day_runs.day_number desc))[1]
        end as days_text
    from day_runs
    group by day_runs.formation_id, day_runs.hours, day_runs.run
),

rules as (
    select
        runs.formation_id,
        min(runs.first_day) as first_day,
        string_agg(runs.days_text, ',' order by runs.first_day) || ' ' || runs.hours as rule
    from runs
    group by runs.formation_id, runs.hours
),

opening_hours as (
    select
        rules.formation_id,
        string_agg(rules.rule, '; ' order by rules.first_day) as horaires_accueil
    from rules
    group by rules.formation_id
),

-- French month names, independent of the server's lc_time
french_dates as (
    select
        formations.id as formation_id,
        case when formations.date_debut is not null then
            to_char(formations.date_debut, 'DD') || ' '
            || (array[
                'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet',
                'août', 'septembre', 'octobre', 'novembre', 'décembre'
            ])[extract(month from formations.date_debut)::integer]
            || ' ' || to_char(formations.date_debut, 'YYYY')
        end as debut,
        case when formations.date_fin is not null then
            to_char(formations.date_fin, 'DD') || ' '
            || (array[
                'janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet',
                'août', 'septembre', 'octobre', 'novembre', 'décembre'
            ])[extract(month from formations.date_fin)::integer]
            || ' ' || to_char(formations.date_fin, 'YYYY')
        end as fin
    from {{ ref('stg_reseau_alpha__formations') }} as formations
)

select
    'reseau-alpha' as source,
    'reseau-alpha--' || formations.id as id,
    'reseau-alpha--' || formations.structure_id as structure_id,
    formations.nom,
    nullif(
        concat_ws(
            E'\n\n',
            formations.presentation,
            'Objectifs visés : ' || array_to_string(formations.objectifs_vises, '. '),
            'Niveau de langue et de compétences visé par la formation : ' || (
                select string_agg(level.value, ', ' order by level.first_position)
                from (
                    select item.value as value, min(item.position) as first_position
                    from unnest(formations.competences_linguistiques_visees) with ordinality as item (value, position)
                    group by item.value
                ) as level
            ),
            case formations.place_disponible
                when true then 'Places disponibles'
                when false then 'Pas de places disponibles'
            end,
            case
                when french_dates.debut is not null and french_dates.fin is not null
                    then 'Étendue de la formation : ' || french_dates.debut || ' - ' || french_dates.fin
            end
        ),
        ''
    ) as description,
    formations.url as lien_source,
    'formation' as type,
    array['lecture-ecriture-calcul--maitriser-le-francais'] as thematiques,
    -- "0", "0€", "0 €", "0,00 euros" are free; any other cost text is a price
    case
        when lower(formations.cout) ~ '^0+([.,]0+)?\s*(€|eur|euros?)?$' then 'gratuit'
        when formations.cout is not null then 'payant'
    end as frais,
    formations.cout as frais_precisions,
    case
        when 'tous-publics' = any(exclusive_publics.publics) then array['tous-publics']
        else coalesce(exclusive_publics.publics, array['tous-publics'])
    end as publics,
    publics_precisions.publics_precisions,
    (
        select string_agg('- ' || criterion.value, E'\n' order by criterion.position)
        from unnest(formations.criteres_scolarisation) with ordinality as criterion (value, position)
    ) as conditions_acces,
    case when address.is_kept then formations.adresse_ville end as commune,
    case when address.is_kept then formations.adresse_code_postal end as code_postal,
    case when address.is_kept then address.adresse end as adresse,
    case when address.is_kept then formations.adresse_longitude end as longitude,
    case when address.is_kept then formations.adresse_latitude end as latitude,
    coalesce(formations.contact_telephone1, formations.contact_telephone2) as telephone,
    formations.contact_email as courriel,
    nullif(concat_ws(' ', formations.contact_nom, formations.contact_prenom), '') as contact_nom_prenom,
    array['en-presentiel'] as modes_accueil,
    -- zone type "commune" (reserved to the inhabitants of a precise
    -- territory) needs an INSEE code, which this source lacks: no zone.
    -- Otherwise the département of the place, from its postal code
    -- (Île-de-France codes start with the département; 20xxx is
    -- ambiguous between 2A and 2B)
    case
        when coalesce(exclusive_publics.is_territoire_precis, false) then null
        when zone.code_postal ~ '^97\d{3}$' then array[left(zone.code_postal, 3)]
        when zone.code_postal ~ '^\d{5}$' and zone.code_postal !~ '^20' then array[left(zone.code_postal, 2)]
    end as zone_eligibilite,
    {{ contact_modes('formations.contact_email', 'coalesce(formations.contact_telephone1, formations.contact_telephone2)') }} as modes_mobilisation,
    -- a formation reserved to people sent by a prescriber cannot be
    -- requested by the person directly
    case
        when coalesce(exclusive_publics.is_oriente_par_prescripteurs, false) then array['professionnels']
        else array['professionnels', 'usagers']
    end as mobilisable_par,
    nullif((formations.date_fin - formations.date_debut) / 7, 0) as nombre_semaines,
    opening_hours.horaires_accueil,
    pages.date_derniere_modification as date_maj,
    -- a formation reserved to the inhabitants of a precise territory is
    -- for the commune of its place; otherwise the place's département (the
    -- final layer derives both from the geocoded address when missing)
    case
        when coalesce(exclusive_publics.is_territoire_precis, false) then 'commune'
        else 'departement'
    end as _zone_eligibilite_type
from {{ ref('stg_reseau_alpha__formations') }} as formations
inner join {{ ref('stg_reseau_alpha__structures') }} as structures
    on structures.id = formations.structure_id
left join {{ ref('stg_reseau_alpha__pages') }} as pages
    on pages.structure_id = formations.structure_id
left join exclusive_publics
    on exclusive_publics.formation_id = formations.id
left join publics_precisions
    on publics_precisions.formation_id = formations.id
left join opening_hours
    on opening_hours.formation_id = formations.id
left join french_dates
    on french_dates.formation_id = formations.id
cross join lateral (
    select
        nullif(concat_ws(', ', formations.adresse_numero, formations.adresse_voie), '') as adresse,
        formations.adresse_voie is not null
        and (formations.adresse_ville is not null or formations.adresse_code_postal is not null) as is_kept
) as address
-- the département comes from the course place, else the structure's
cross join lateral (
    select coalesce(
        formations.adresse_code_postal,
        formations.premier_code_postal,
        structures.adresse_code_postal
    ) as code_postal
) as zone

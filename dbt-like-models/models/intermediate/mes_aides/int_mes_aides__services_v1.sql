-- Mes Aides in the data·inclusion v1 model (sources/mes-aides.md §5): one
-- service per published aid (remote, no address) and one per published
-- solidarity garage (at the garage). Each service has the id of its
-- structure.
with

-- Besoins items against seed map_mes_aides__besoins (§6.1), compared
-- lower-cased and unaccented
aide_thematiques as (
    select
        mapped.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(mapped.thematique order by mapped.thematique collate "C") as thematiques
    from (
        select distinct
            aides.record_number,
            map_besoins.v1 as thematique
        from {{ ref('stg_mes_aides__aides') }} as aides
        cross join lateral unnest(aides.besoins) as besoin (value)
        inner join {{ ref('map_mes_aides__besoins') }} as map_besoins
            on lower(unaccent(map_besoins.raw)) = lower(unaccent(replace(besoin.value, '’', '''')))
        where map_besoins.v1 is not null
    ) as mapped
    group by mapped.record_number
),

-- one type per aid: aide-financiere > aide-materielle > accompagnement (§6.2);
-- "Prestation (ex : location de véhicule)" is read as "prestation"
aide_types as (
    select distinct on (aides.record_number)
        aides.record_number,
        map_types_aide.v1 as type
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.types_aide) as type_aide (value)
    inner join {{ ref('map_mes_aides__types_aide') }} as map_types_aide
        on map_types_aide.raw = btrim(
            lower(unaccent(regexp_replace(type_aide.value, '\s*\(\s*ex\s*:.*\)\s*$', '', 'i')))
        )
    where map_types_aide.v1 is not null
    order by aides.record_number, map_types_aide.priority::integer
),

-- any paid nature makes the aid payant, else any free one gratuit (§6.3)
aide_frais as (
    select
        aides.record_number,
        case
            when bool_or(map_natures.v1 = 'payant') then 'payant'
            when bool_or(map_natures.v1 = 'gratuit') then 'gratuit'
        end as frais
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.natures) as nature (value)
    inner join {{ ref('map_mes_aides__natures') }} as map_natures
        on map_natures.raw = lower(unaccent(replace(nature.value, '’', '''')))
    group by aides.record_number
),

-- each condition gets the public of the first rule (by rank) whose pattern
-- it matches, lower-cased and unaccented (§6.4)
condition_publics as (
    select distinct on (aides.record_number, condition.position)
        aides.record_number,
        map_conditions.v1 as public
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.conditions) with ordinality as condition (value, position)
    inner join {{ ref('map_mes_aides__conditions') }} as map_conditions
        on lower(unaccent(replace(condition.value, '’', ''''))) ~* map_conditions.pattern
    order by aides.record_number, condition.position, map_conditions.rank::integer
),

-- "tous publics" excludes every other public (v1 rule), as upstream keeps
-- only the items that match it
aide_publics as (
    select
        distinct_publics.record_number,
        case
            when bool_or(distinct_publics.public = 'tous-publics') then array['tous-publics']
            else array_agg(distinct_publics.public order by distinct_publics.public collate "C")
        end as publics
    from (select distinct * from condition_publics) as distinct_publics
    group by distinct_publics.record_number
),

-- zone_eligibilite by "Zone géographique" (§5)
aide_zone_types as (
    select
        aides.record_number,
        map_zones.zone_type
    from {{ ref('stg_mes_aides__aides') }} as aides
    inner join {{ ref('map_mes_aides__zones_geographiques') }} as map_zones
        on map_zones.raw = lower(unaccent(aides.zone_geographique))
),

-- the codes of the places that int_mes_aides__lieux resolved, per kind
zone_codes as (
    -- communale: the matched communes (unmatched ones give nothing)
    select
        lieux.record_number,
        'commune' as zone_type,
        lieux.code
    from {{ ref('int_mes_aides__lieux') }} as lieux
    where lieux.stream = 'aides'
        and lieux.field = 'Villes'
        and lieux.code is not null
    union
    -- intercommunale: the EPCI SIREN codes
    select
        lieux.record_number,
        'epci' as zone_type,
        lieux.code
    from {{ ref('int_mes_aides__lieux') }} as lieux
    where lieux.stream = 'aides'
        and lieux.field = 'EPCI'
        and lieux.code is not null
    union
    -- régionale: the départements of the régions (v1 has no région codes)
    select
        lieux.record_number,
        'region' as zone_type,
        departements.code
    from {{ ref('int_mes_aides__lieux') }} as lieux
    inner join {{ ref('ref_departements') }} as departements
        on departements.code_region = lieux.code
    where lieux.stream = 'aides'
        and lieux.field = 'Régions'
    union
    -- départementale: the département codes
    select
        lieux.record_number,
        'departement' as zone_type,
        lieux.code
    from {{ ref('int_mes_aides__lieux') }} as lieux
    where lieux.stream = 'aides'
        and lieux.field = 'Départements'
        and lieux.code is not null
),

aide_zones as (
    select
        aide_zone_types.record_number,
        case aide_zone_types.zone_type
            when 'pays' then array['france']
            else (
                select array_agg(zone_codes.code order by zone_codes.code collate "C")
                from zone_codes
                where zone_codes.record_number = aide_zone_types.record_number
                    and zone_codes.zone_type = aide_zone_types.zone_type
            )
        end as zone_eligibilite
    from aide_zone_types
),

aide_services as (
    select
        'mes-aides' as source,
        'mes-aides--' || aides.id as id,
        'mes-aides--' || aides.id as structure_id,
        aides.nom,
        -- the description, then the amount and the tips, blank-line separated
        nullif(
            concat_ws(
                E'\n\n',
                aides.description,
                '## Montant' || E'\n\n' || aides.montant::text || ' €',
                '## Bon à savoir' || E'\n\n' || aides.bon_a_savoir
            ),
            ''
        ) as description,
        aides.voir_l_aide as lien_source,
        aide_types.type,
        aide_thematiques.thematiques,
        aide_frais.frais,
        null::text as frais_precisions,
        aide_publics.publics,
        -- the conditions as written; "; " keeps items that contain commas
        array_to_string(aides.conditions, '; ') as publics_precisions,
        nullif(
            concat_ws(
                E'\n\n',
                'Autres conditions : ' || aides.autres_conditions,
                'Justificatifs : ' || array_to_string(aides.justificatifs, '; '),
                'Autres justificatifs : ' || aides.autres_justificatifs
            ),
            ''
        ) as conditions_acces,
        -- an aid is requested remotely: no place
        null::text as commune,
        null::text as code_postal,
        null::text as code_insee,
        null::text as adresse,
        null::text as complement_adresse,
        null::double precision as longitude,
        null::double precision as latitude,
        aides.contact_tels[1] as telephone,
        aides.contact_emails[1] as courriel,
        null::text as contact_nom_prenom,
        array['a-distance'] as modes_accueil,
        aide_zones.zone_eligibilite,
        aides.formulaire_url as lien_mobilisation,
        {{ contact_modes('aides.contact_emails', 'aides.contact_tels', 'aides.formulaire_url') }} as modes_mobilisation,
        array['professionnels', 'usagers'] as mobilisable_par,
        aides.demarches as mobilisation_precisions,
        null::double precision as volume_horaire_hebdomadaire,
        null::integer as nombre_semaines,
        null::text as horaires_accueil,
        -- the structure's rule (sources/mes-aides.md §3.1) for both entities
        coalesce(aides.mise_a_jour_le, aides.modifiee_le) as date_maj,
        null::boolean as _is_contact_public,
        -- an aid has no address to derive a zone from
        null::text as _zone_eligibilite_type
    from {{ ref('stg_mes_aides__aides') }} as aides
    left join aide_types
        on aide_types.record_number = aides.record_number
    left join aide_thematiques
        on aide_thematiques.record_number = aides.record_number
    left join aide_frais
        on aide_frais.record_number = aides.record_number
    left join aide_publics
        on aide_publics.record_number = aides.record_number
    left join aide_zones
        on aide_zones.record_number = aides.record_number
),

-- the garage services that say what it offers (location, achat, réparation:
-- the seed rows with a thematique), in the cell's order
garage_offers as (
    select
        garages.record_number,
        array_agg(service.value order by service.position) as offers,
        (
            select array_agg(thematique.value order by thematique.value collate "C")
            from (
                select distinct map_garages_services.v1 as value
                from unnest(garages.services) as offered (value)
                inner join {{ ref('map_mes_aides__garages_services') }} as map_garages_services
                    on lower(unaccent(map_garages_services.raw)) = lower(unaccent(offered.value))
                where map_garages_services.v1 is not null
            ) as thematique
        ) as thematiques
    from {{ ref('stg_mes_aides__garages') }} as garages
    cross join lateral unnest(garages.services) with ordinality as service (value, position)
    inner join {{ ref('map_mes_aides__garages_services') }} as map_garages_services
        on lower(unaccent(map_garages_services.raw)) = lower(unaccent(service.value))
    where map_garages_services.v1 is not null
    group by garages.record_number, garages.services
),

garage_services as (
    select
        'mes-aides' as source,
        'mes-aides--' || garages.id as id,
        'mes-aides--' || garages.id as structure_id,
        garage_names.nom,
        garage_names.nom || ' à tarif solidaire pour les personnes en difficulté, et selon leur situation.'
            as description,
        structures.lien_source,
        'aide-materielle' as type,
        -- upstream compares with "reparation" (no accent), so repairs only
        -- came through the default; here réparation maps as intended, and a
        -- garage listing none of the three offers gets both themes
        coalesce(
            garage_offers.thematiques,
            array['mobilite--acceder-a-un-vehicule', 'mobilite--entretenir-reparer-son-vehicule']
        ) as thematiques,
        null::text as frais,
        null::text as frais_precisions,
        array['tous-publics'] as publics,
        null::text as publics_precisions,
        garages.criteres_eligibilite as conditions_acces,
        -- the service is delivered at the garage
        structures.commune,
        structures.code_postal,
        structures.code_insee,
        structures.adresse,
        structures.complement_adresse,
        structures.longitude,
        structures.latitude,
        garages.telephone,
        garages.email as courriel,
        null::text as contact_nom_prenom,
        array['en-presentiel'] as modes_accueil,
        -- the garage's département, else that of its matched commune
        case
            when coalesce(garage_departement.code, garage_commune.code_departement) is not null
                then array[coalesce(garage_departement.code, garage_commune.code_departement)]
        end as zone_eligibilite,
        null::text as lien_mobilisation,
        array_remove(
            array[
                case when garages.email is not null then 'envoyer-un-courriel' end,
                'se-presenter',
                case when garages.telephone is not null then 'telephoner' end
            ],
            null
        ) as modes_mobilisation,
        array['professionnels', 'usagers'] as mobilisable_par,
        null::text as mobilisation_precisions,
        null::double precision as volume_horaire_hebdomadaire,
        null::integer as nombre_semaines,
        null::text as horaires_accueil,
        coalesce(garages.mis_a_jour_le, garages.modifie_le) as date_maj,
        null::boolean as _is_contact_public,
        -- the garage's département: derived from the geocoded address when its
        -- commune and département are not found
        'departement' as _zone_eligibilite_type
    from {{ ref('stg_mes_aides__garages') }} as garages
    inner join {{ ref('int_mes_aides__structures_v1') }} as structures
        on structures.id = 'mes-aides--' || garages.id
    left join garage_offers
        on garage_offers.record_number = garages.record_number
    left join {{ ref('int_mes_aides__lieux') }} as garage_commune
        on garage_commune.stream = 'garages'
        and garage_commune.field = 'Ville'
        and garage_commune.record_number = garages.record_number
    left join {{ ref('int_mes_aides__lieux') }} as garage_departement
        on garage_departement.stream = 'garages'
        and garage_departement.field = 'Département'
        and garage_departement.record_number = garages.record_number
    -- "Réparation, location de voiture, voiture sans permis"; defaults when
    -- the garage lists no offer or no vehicle type
    cross join lateral (
        select
            upper(left(named.text, 1)) || substr(named.text, 2) as nom
        from (
            select
                coalesce(array_to_string(garage_offers.offers, ', '), 'réparation, vente et location')
                || ' de '
                || coalesce(array_to_string(garages.types_de_vehicule, ', '), 'véhicules') as text
        ) as named
    ) as garage_names
)

select * from aide_services
union all
select * from garage_services

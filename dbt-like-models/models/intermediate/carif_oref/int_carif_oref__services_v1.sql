-- Carif-Oref training actions as data·inclusion v1 services
-- (sources/carif-oref.md §5): one service per action kept by
-- stg_carif_oref__actions, owned by its training organisation.
with

-- the preferred contact of the action's organisation: référent pédagogique
-- (3) > autre (0) > accueil (4) > any other, then file order
organisme_contacts as (
    select distinct on (actions.numero)
        actions.numero as action_numero,
        coordonnees.telfixe,
        coordonnees.portable,
        coordonnees.courriel,
        coordonnees.code_insee
    from {{ ref('stg_carif_oref__actions') }} as actions
    inner join {{ ref('stg_carif_oref__coordonnees') }} as coordonnees
        on coordonnees.run_id = actions.run_id
        and coordonnees.record_number = actions.record_number
        and coordonnees.action_position = actions.position
        and coordonnees.organisme_position = actions.organisme_position
        and coordonnees.kind = 'contact-formateur'
    order by
        actions.numero,
        case coordonnees.type_contact when '3' then 1 when '0' then 2 when '4' then 3 else 4 end,
        coordonnees.block_position
),

main_places as (
    select
        actions.numero as action_numero,
        coordonnees.telfixe,
        coordonnees.portable,
        coordonnees.courriel,
        coordonnees.adresse,
        coordonnees.code_postal,
        coordonnees.ville,
        coordonnees.code_insee,
        coordonnees.latitude,
        coordonnees.longitude
    from {{ ref('stg_carif_oref__actions') }} as actions
    inner join {{ ref('stg_carif_oref__coordonnees') }} as coordonnees
        on coordonnees.run_id = actions.run_id
        and coordonnees.record_number = actions.record_number
        and coordonnees.action_position = actions.position
        and coordonnees.block_position = actions.lieu_position
        and coordonnees.kind = 'lieu-de-formation'
),

formation_contacts as (
    select distinct on (coordonnees.run_id, coordonnees.record_number)
        {{ source_header('coordonnees') }},
        coordonnees.telfixe,
        coordonnees.portable,
        coordonnees.courriel
    from {{ ref('stg_carif_oref__coordonnees') }} as coordonnees
    where coordonnees.kind = 'contact-formation'
    order by
        {{ source_header('coordonnees') }},
        case coordonnees.type_contact when '3' then 1 when '0' then 2 when '4' then 3 else 4 end,
        coordonnees.block_position
),

thematiques as (
    select
        formations.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(distinct map_formacodes.v1 collate "C" order by map_formacodes.v1 collate "C") as thematiques
    from {{ ref('stg_carif_oref__formations') }} as formations
    cross join lateral unnest(formations.formacodes) as code (value)
    inner join {{ ref('map_carif_oref__formacodes') }} as map_formacodes
        on map_formacodes.raw = code.value
    where map_formacodes.v1 is not null
    group by formations.record_number
),

-- every public code of the action is mapped (upstream keeps only one code
-- per action, an accident of its join order)
publics as (
    select
        actions.numero as action_numero,
        array_agg(distinct map_publics.v1 collate "C" order by map_publics.v1 collate "C") as publics
    from {{ ref('stg_carif_oref__actions') }} as actions
    cross join lateral unnest(actions.codes_public_vise) as code (value)
    inner join {{ ref('map_carif_oref__publics') }} as map_publics
        on map_publics.raw = code.value
    where map_publics.v1 is not null
    group by actions.numero
),

modes_accueil as (
    select
        actions.numero as action_numero,
        array_agg(
            distinct map_modalites_enseignement.v1 collate "C" order by map_modalites_enseignement.v1 collate "C"
        ) as modes_accueil
    from {{ ref('stg_carif_oref__actions') }} as actions
    inner join {{ ref('map_carif_oref__modalites_enseignement') }} as map_modalites_enseignement
        on map_modalites_enseignement.raw = actions.modalites_enseignement
    where map_modalites_enseignement.v1 is not null
    group by actions.numero
),

region_departements as (
    select
        departements.code_region,
        array_agg(departements.code order by departements.code collate "C") as departements
    from {{ ref('ref_departements') }} as departements
    group by departements.code_region
),

contacts as (
    select
        actions.numero as action_numero,
        coalesce(
            organisme_contacts.telfixe,
            organisme_contacts.portable,
            main_places.telfixe,
            main_places.portable,
            formation_contacts.telfixe,
            formation_contacts.portable
        ) as telephone,
        coalesce(
            organisme_contacts.courriel,
            main_places.courriel,
            formation_contacts.courriel
        ) as courriel,
        -- the commune that defines the recruitment area: the main place's,
        -- else the organisation contact's
        coalesce(main_places.code_insee, organisme_contacts.code_insee) as code_insee_zone
    from {{ ref('stg_carif_oref__actions') }} as actions
    left join organisme_contacts
        on organisme_contacts.action_numero = actions.numero
    left join main_places
        on main_places.action_numero = actions.numero
    left join formation_contacts
        on formation_contacts.run_id = actions.run_id
        and formation_contacts.record_number = actions.record_number
),

zones as (
    select
        contacts.action_numero,
        departement.code as code_departement,
        departement.code_region
    from contacts
    -- the département of an INSEE commune code: 3 characters overseas
    -- (97x), else 2 (2A/2B for Corsica)
    left join {{ ref('ref_departements') }} as departement
        on departement.code = case
            when contacts.code_insee_zone like '97%' then left(contacts.code_insee_zone, 3)
            else left(contacts.code_insee_zone, 2)
        end
)

select
    'carif-oref' as source,
    'carif-oref--' || actions.numero as id,
    'carif-oref--' || actions.numero_organisme_formateur as structure_id,
    formations.intitule as nom,
    nullif(
        concat_ws(
            E'\n\n',
            case when formations.objectif is not null then E'### Objectif de la formation\n\n' || formations.objectif end,
            case when formations.contenu is not null then E'### Contenu de la formation\n\n' || formations.contenu end
        ),
        ''
    ) as description,
    coalesce(
        formations.url_formation,
        -- the action's page on the national Carif-Oref portal (its
        -- numero loses its 3-character region prefix there)
        'https://www.intercariforef.org/formations/'
        || btrim(regexp_replace(lower(unaccent(coalesce(formations.intitule, ''))), '[^a-z0-9]+', '-', 'g'), '-')
        || '/formation-' || formations.numero || '_' || substr(actions.numero, 4) || '.html'
    ) as lien_source,
    'formation' as type,
    thematiques.thematiques,
    case
        when actions.prix_total_ttc = 0 then 'gratuit'
        when actions.prix_total_ttc > 0 then 'payant'
    end as frais,
    -- upstream builds this text but loses it (no such v1 column); it is
    -- where a funding detail belongs
    case
        when actions.detail_conditions_prise_en_charge is not null
            then 'Prise en charge : ' || actions.detail_conditions_prise_en_charge
    end as frais_precisions,
    -- "tous-publics" cannot be combined with a specific public
    case
        when 'tous-publics' = any(publics.publics) then array['tous-publics']
        else publics.publics
    end as publics,
    actions.info_public_vise as publics_precisions,
    actions.conditions_specifiques as conditions_acces,
    case when address.is_kept then main_places.ville end as commune,
    case when address.is_kept then main_places.code_postal end as code_postal,
    case when address.is_kept then main_places.code_insee end as code_insee,
    case when address.is_kept then main_places.adresse end as adresse,
    case when address.is_kept then main_places.longitude end as longitude,
    case when address.is_kept then main_places.latitude end as latitude,
    contacts.telephone,
    contacts.courriel,
    modes_accueil.modes_accueil,
    -- recruitment perimeter: 1 commune, 2 département, anything else
    -- (région, wider or unknown) the départements of the région
    case
        when actions.code_perimetre_recrutement = '1' and contacts.code_insee_zone is not null
            then array[contacts.code_insee_zone]
        when actions.code_perimetre_recrutement = '2' and zones.code_departement is not null
            then array[zones.code_departement]
        when actions.code_perimetre_recrutement not in ('1', '2') or actions.code_perimetre_recrutement is null
            then region_departements.departements
    end as zone_eligibilite,
    {{ contact_modes('contacts.courriel', 'contacts.telephone') }} as modes_mobilisation,
    -- training actions are prescribed by professionals
    array['professionnels'] as mobilisable_par,
    actions.modalites_recrutement as mobilisation_precisions,
    actions.duree_hebdo as volume_horaire_hebdomadaire,
    coalesce(actions.date_maj, formations.date_maj) as date_maj,
    -- the recruitment perimeter's kind of zone: derived from the geocoded
    -- address when the contact's INSEE code gives no code
    case actions.code_perimetre_recrutement
        when '1' then 'commune'
        when '2' then 'departement'
        else 'region'
    end as _zone_eligibilite_type
from {{ ref('stg_carif_oref__actions') }} as actions
inner join {{ ref('stg_carif_oref__formations') }} as formations
    on formations.run_id = actions.run_id
    and formations.record_number = actions.record_number
left join main_places
    on main_places.action_numero = actions.numero
left join contacts
    on contacts.action_numero = actions.numero
left join zones
    on zones.action_numero = actions.numero
left join region_departements
    on region_departements.code_region = zones.code_region
left join thematiques
    on thematiques.record_number = actions.record_number
left join publics
    on publics.action_numero = actions.numero
left join modes_accueil
    on modes_accueil.action_numero = actions.numero
-- the main place's address is published only with a street line and a
-- locality (sources/README §3)
cross join lateral (
    select
        main_places.adresse is not null
        and (
            main_places.ville is not null
            or main_places.code_postal is not null
            or main_places.code_insee is not null
        ) as is_kept
) as address

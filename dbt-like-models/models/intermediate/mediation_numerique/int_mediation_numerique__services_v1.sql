-- The digital-inclusion service of each place of the Cartographie nationale,
-- as a v1 service with the place's own id (sources/mediation-numerique.md §5).
with

mapped_thematiques as (
    select distinct
        places.record_number,
        map_services.v1 as thematique
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.services) as service (value)
    inner join {{ ref('map_mediation_numerique__services') }} as map_services
        on map_services.raw = service.value
    where map_services.v1 is not null
),

thematiques as (
    select
        mapped_thematiques.record_number,
        -- C collation: the same order on every server, whatever its locale
        array_agg(
            mapped_thematiques.thematique order by mapped_thematiques.thematique collate "C"
        ) as thematiques
    from mapped_thematiques
    group by mapped_thematiques.record_number
),

-- one type per service: aide-materielle > atelier > accompagnement
types as (
    select distinct on (places.record_number)
        places.record_number,
        map_modalites_accompagnement.v1 as type
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.modalites_accompagnement) as modalite (value)
    inner join {{ ref('map_mediation_numerique__modalites_accompagnement') }} as map_modalites_accompagnement
        on map_modalites_accompagnement.raw = modalite.value
    where map_modalites_accompagnement.v1 is not null
    order by places.record_number, map_modalites_accompagnement.priority::integer
),

-- Upstream picks one fee option in no defined order when a place lists
-- several; here any free option (even "under conditions") makes it gratuit,
-- so the result is the same on every run.
frais as (
    select
        places.record_number,
        case
            when bool_or(map_frais.v1 = 'gratuit') then 'gratuit'
            when bool_or(map_frais.v1 = 'payant') then 'payant'
        end as frais
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.frais_a_charge) as option (value)
    inner join {{ ref('map_mediation_numerique__frais') }} as map_frais
        on map_frais.raw = option.value
    group by places.record_number
),

-- Both lists are mapped raw -> v1 as intended. Upstream joins
-- publics_specifiquement_adresses on the v1 column, so those five values
-- never match there and only prise_en_charge_specifique contributes.
publics as (
    select
        places.record_number,
        map_publics.v1 as public
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.publics_specifiquement_adresses) as raw_public (value)
    inner join {{ ref('map_mediation_numerique__publics') }} as map_publics
        on map_publics.raw = raw_public.value
    where map_publics.v1 is not null
    union
    select
        places.record_number,
        map_prise_en_charge.v1 as public
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.prise_en_charge_specifique) as raw_public (value)
    inner join {{ ref('map_mediation_numerique__prise_en_charge') }} as map_prise_en_charge
        on map_prise_en_charge.raw = raw_public.value
    where map_prise_en_charge.v1 is not null
),

publics_by_place as (
    select
        publics.record_number,
        array_agg(publics.public order by publics.public collate "C") as publics
    from publics
    group by publics.record_number
),

mapped_modes_mobilisation as (
    select distinct
        places.record_number,
        map_modalites_acces.v1 as mode_mobilisation
    from {{ ref('stg_mediation_numerique__structures') }} as places
    cross join lateral unnest(places.modalites_acces) as modalite (value)
    inner join {{ ref('map_mediation_numerique__modalites_acces') }} as map_modalites_acces
        on map_modalites_acces.raw = modalite.value
    where map_modalites_acces.v1 is not null
),

modes_mobilisation as (
    select
        mapped_modes_mobilisation.record_number,
        array_agg(
            mapped_modes_mobilisation.mode_mobilisation
            order by mapped_modes_mobilisation.mode_mobilisation collate "C"
        ) as modes_mobilisation
    from mapped_modes_mobilisation
    group by mapped_modes_mobilisation.record_number
),

-- the first mediator (by name, then e-mail) is the contact person; the first
-- mediator that has an e-mail gives the fallback e-mail of the service
first_mediateur as (
    select distinct on (mediateurs.record_number)
        mediateurs.record_number,
        nullif(concat_ws(' ', mediateurs.prenom, mediateurs.nom), '') as nom_prenom
    from {{ ref('stg_mediation_numerique__mediateurs') }} as mediateurs
    order by
        mediateurs.record_number,
        mediateurs.nom collate "C",
        mediateurs.prenom collate "C",
        mediateurs.email collate "C",
        mediateurs.position
),

first_mediateur_email as (
    select distinct on (mediateurs.record_number)
        mediateurs.record_number,
        mediateurs.email
    from {{ ref('stg_mediation_numerique__mediateurs') }} as mediateurs
    where mediateurs.email is not null
    order by
        mediateurs.record_number,
        mediateurs.nom collate "C",
        mediateurs.prenom collate "C",
        mediateurs.email collate "C",
        mediateurs.position
),

-- the place's own e-mail first, else the first mediator's
contacts as (
    select
        places.record_number,
        coalesce(places.courriels[1], first_mediateur_email.email) as courriel
    from {{ ref('stg_mediation_numerique__structures') }} as places
    left join first_mediateur_email
        on first_mediateur_email.record_number = places.record_number
)

select
    'mediation-numerique' as source,
    'mediation-numerique--' || places.id as id,
    'mediation-numerique--' || places.id as structure_id,
    'Service d''accompagnement au numérique' as nom,
    coalesce(
        places.presentation_detail,
        places.presentation_resume,
        -- last resort: the list of services offered is a usable summary
        array_to_string(places.services, ', ')
    ) as description,
    'https://cartographie.societenumerique.gouv.fr/cartographie/' || places.id || '/details' as lien_source,
    types.type,
    thematiques.thematiques,
    frais.frais,
    null::text as frais_precisions,
    -- no specific public means the place is open to everyone
    coalesce(publics_by_place.publics, array['tous-publics']) as publics,
    (
        select string_agg(raw_public.value, ', ' order by raw_public.value collate "C")
        from unnest(
            array_cat(places.publics_specifiquement_adresses, places.prise_en_charge_specifique)
        ) as raw_public (value)
    ) as publics_precisions,
    null::text as conditions_acces,
    places.commune,
    places.code_postal,
    places.code_insee,
    nullif(
        concat_ws(' ', places.adresse_numero_voie, places.adresse_repetition, places.adresse_nom_voie),
        ''
    ) as adresse,
    null::text as complement_adresse,
    places.longitude,
    places.latitude,
    places.telephone,
    contacts.courriel,
    first_mediateur.nom_prenom as contact_nom_prenom,
    -- "À distance" is an accompaniment mode that says the service is
    -- also delivered remotely; every place receives the public on site
    case
        when 'À distance' = any(places.modalites_accompagnement)
            then array['a-distance', 'en-presentiel']
        else array['en-presentiel']
    end as modes_accueil,
    -- the place's département: 3 chars overseas (97x), else 2 (incl. 2A/2B)
    case
        when places.code_insee like '97%' then array[left(places.code_insee, 3)]
        when places.code_insee is not null then array[left(places.code_insee, 2)]
    end as zone_eligibilite,
    places.prise_rdv as lien_mobilisation,
    -- without declared access modes, the available contacts say how
    coalesce(
        modes_mobilisation.modes_mobilisation,
        {{ contact_modes('contacts.courriel', 'places.telephone', 'places.prise_rdv') }}
    ) as modes_mobilisation,
    array['professionnels', 'usagers'] as mobilisable_par,
    null::text as mobilisation_precisions,
    null::double precision as volume_horaire_hebdomadaire,
    null::integer as nombre_semaines,
    places.horaires as horaires_accueil,
    places.date_maj,
    -- the source says nothing about whether the contact may be shown
    null::boolean as _is_contact_public,
    -- the place's département: derived from the geocoded address when the
    -- place has no INSEE code
    'departement' as _zone_eligibilite_type
from {{ ref('stg_mediation_numerique__structures') }} as places
inner join contacts
    on contacts.record_number = places.record_number
left join thematiques
    on thematiques.record_number = places.record_number
left join types
    on types.record_number = places.record_number
left join frais
    on frais.record_number = places.record_number
left join publics_by_place
    on publics_by_place.record_number = places.record_number
left join modes_mobilisation
    on modes_mobilisation.record_number = places.record_number
left join first_mediateur
    on first_mediateur.record_number = places.record_number

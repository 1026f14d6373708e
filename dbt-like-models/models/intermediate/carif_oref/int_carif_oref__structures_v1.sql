-- Carif-Oref training organisations as data·inclusion v1 structures
-- (sources/carif-oref.md §5): contacts from the organisation's preferred
-- contact, else from the main training place of its first action.
with

-- preferred contact of the organisation over all its occurrences: référent
-- pédagogique (3) > autre (0) > accueil (4) > any other, then file order
contacts as (
    select distinct on (coordonnees.organisme_numero)
        coordonnees.*
    from {{ ref('stg_carif_oref__coordonnees') }} as coordonnees
    where coordonnees.kind = 'contact-formateur'
        and coordonnees.organisme_numero is not null
    order by
        coordonnees.organisme_numero,
        case coordonnees.type_contact when '3' then 1 when '0' then 2 when '4' then 3 else 4 end,
        coordonnees.record_number,
        coordonnees.action_position,
        coordonnees.organisme_position,
        coordonnees.block_position
),

-- main place (tagged "principal", else the first) of the action where the
-- organisation first appears
main_places as (
    select distinct on (organismes.numero)
        organismes.numero,
        coordonnees.telfixe,
        coordonnees.portable,
        coordonnees.courriel,
        coordonnees.web,
        coordonnees.adresse,
        coordonnees.code_postal,
        coordonnees.ville,
        coordonnees.code_insee,
        coordonnees.latitude,
        coordonnees.longitude
    from {{ ref('stg_carif_oref__organismes_formateurs') }} as organismes
    inner join {{ ref('stg_carif_oref__coordonnees') }} as coordonnees
        on coordonnees.run_id = organismes.run_id
        and coordonnees.record_number = organismes.record_number
        and coordonnees.action_position = organismes.action_position
        and coordonnees.kind = 'lieu-de-formation'
    order by organismes.numero, coordonnees.is_principal desc, coordonnees.block_position
)

select
    'carif-oref' as source,
    'carif-oref--' || organismes.numero as id,
    organismes.raison_sociale as nom,
    organismes.date_maj,
    null::text as description,
    -- the organisation's page on the national Carif-Oref portal
    'https://www.intercariforef.org/formations/'
    || btrim(regexp_replace(lower(unaccent(coalesce(organismes.raison_sociale, ''))), '[^a-z0-9]+', '-', 'g'), '-')
    || '/organisme-' || organismes.numero || '.html' as lien_source,
    organismes.siret,
    address.commune,
    address.code_postal,
    address.code_insee,
    address.adresse,
    null::text as complement_adresse,
    address.longitude,
    address.latitude,
    coalesce(contacts.telfixe, contacts.portable, main_places.telfixe, main_places.portable) as telephone,
    coalesce(contacts.courriel, main_places.courriel) as courriel,
    coalesce(contacts.web, main_places.web) as site_web,
    null::text as horaires_accueil,
    null::text as accessibilite_lieu,
    null::text[] as reseaux_porteurs
from {{ ref('stg_carif_oref__organismes_formateurs') }} as organismes
left join contacts
    on contacts.organisme_numero = organismes.numero
left join main_places
    on main_places.numero = organismes.numero
-- the contact's address when it is a usable one (a street line and a
-- locality), else the main place's, else none (sources/README §3)
left join lateral (
    select
        candidate.adresse,
        candidate.code_postal,
        candidate.ville as commune,
        candidate.code_insee,
        candidate.latitude,
        candidate.longitude
    from (
        select 1 as rank, contacts.adresse, contacts.code_postal, contacts.ville,
            contacts.code_insee, contacts.latitude, contacts.longitude
        union all
        select 2 as rank, main_places.adresse, main_places.code_postal, main_places.ville,
            main_places.code_insee, main_places.latitude, main_places.longitude
    ) as candidate
    where candidate.adresse is not null
        and (candidate.ville is not null or candidate.code_postal is not null or candidate.code_insee is not null)
    order by candidate.rank
    limit 1
) as address on true

-- Soliguide places in the data·inclusion v1 model (sources/soliguide.md §5):
-- one structure per place kept by stg_soliguide__lieux.
with

-- not materialized: each use below filters on kind and field, and only the
-- table itself (analyzed) tells the planner how many rows that keeps; a
-- materialized CTE would hide it and lead to nested loops over all texts
markdown as not materialized (
    select * from {{ ref('int_soliguide__markdown') }}
),

-- not materialized, for the same reason as markdown
opening_hours as not materialized (
    select * from {{ ref('int_soliguide__opening_hours') }}
),

-- v1 holds one phone: a label close to "Accueil" first (pg_trgm word
-- similarity above its default 0.6 threshold, as upstream's `<%`), then the
-- longest number, then the smallest; the services use the same phone
chosen_phones as (
    select distinct on (phones.lieu_id)
        phones.lieu_id,
        phones.phone_number
    from {{ ref('stg_soliguide__phones') }} as phones
    order by
        phones.lieu_id,
        coalesce(word_similarity(phones.label, 'Accueil') > 0.6, false) desc,
        char_length(phones.phone_number) desc,
        phones.phone_number collate "C",
        phones.position
),

-- where Soliguide got the place (restos, Croix-Rouge…) gives its networks
reseaux as (
    select distinct
        lieux.lieu_id,
        map_sources.v1 as reseau_porteur
    from {{ ref('stg_soliguide__lieux') }} as lieux
    cross join lateral unnest(lieux.sources) as source (name)
    inner join {{ ref('map_soliguide__sources') }} as map_sources
        on map_sources.raw = source.name
    where map_sources.v1 is not null
),

reseaux_by_lieu as (
    select
        reseaux.lieu_id,
        -- C collation: the same order on every server, whatever its locale
        array_agg(reseaux.reseau_porteur order by reseaux.reseau_porteur collate "C") as reseaux_porteurs
    from reseaux
    group by reseaux.lieu_id
)

select
    'soliguide' as source,
    'soliguide--' || lieux.lieu_id as id,
    lieux.name as nom,
    lieux.updated_at as date_maj,
    -- an active temporary message comes first, then the description
    nullif(
        concat_ws(
            E'\n\n',
            case
                when coalesce(lieux.temp_infos_message_actif, true)
                    then 'Information temporaire : ' || lieux.temp_infos_message_name
            end,
            description.markdown
        ),
        ''
    ) as description,
    'https://soliguide.fr/fr/fiche/' || lieux.seo_url as lien_source,
    -- an address is published only when it has a street line (or a
    -- complement) and a locality; otherwise all its fields stay empty
    case when address.is_kept then lieux.position_city end as commune,
    case when address.is_kept then lieux.position_postal_code end as code_postal,
    -- upstream leaves code_insee to its geocoder; without one, Soliguide's
    -- own INSEE code is used when it has the shape of one
    case
        when address.is_kept and lieux.position_city_code ~ '^\d[\dAB]\d{3}$'
            then lieux.position_city_code
    end as code_insee,
    case when address.is_kept then address.street end as adresse,
    case when address.is_kept then lieux.position_additional_information end as complement_adresse,
    case when address.is_kept then lieux.longitude end as longitude,
    case when address.is_kept then lieux.latitude end as latitude,
    chosen_phones.phone_number as telephone,
    lieux.entity_mail as courriel,
    lieux.entity_website as site_web,
    -- a temporary closure wins over any hours, then active temporary
    -- hours, then the regular ones
    case
        when lieux.temp_infos_closure_actif then 'closed "fermeture temporaire"'
        when lieux.temp_infos_hours_actif and temporary_hours.opening_hours is not null
            then temporary_hours.opening_hours
        else regular_hours.opening_hours
    end as horaires_accueil,
    reseaux_by_lieu.reseaux_porteurs
from {{ ref('stg_soliguide__lieux') }} as lieux
cross join lateral (
    select
        -- "1 Rue Montmartre, 75001 Paris": the postcode and city tail goes
        nullif(
            btrim(regexp_replace(lieux.position_address, ',\s*\d{5}.*$', ''), E' ,\t\r\n'),
            ''
        ) as street
) as street_part
cross join lateral (
    select
        street_part.street,
        (street_part.street is not null or lieux.position_additional_information is not null)
        and (lieux.position_city is not null or lieux.position_postal_code is not null) as is_kept
) as address
left join markdown as description
    on description.kind = 'lieu'
    and description.field = 'description'
    and description.id = lieux.lieu_id
left join opening_hours as regular_hours
    on regular_hours.kind = 'lieu'
    and regular_hours.id = lieux.lieu_id
left join opening_hours as temporary_hours
    on temporary_hours.kind = 'lieu_temporaire'
    and temporary_hours.id = lieux.lieu_id
left join chosen_phones
    on chosen_phones.lieu_id = lieux.lieu_id
left join reseaux_by_lieu
    on reseaux_by_lieu.lieu_id = lieux.lieu_id

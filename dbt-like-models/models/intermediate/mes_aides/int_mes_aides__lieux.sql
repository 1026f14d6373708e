-- Every place that Mes Aides names, resolved to a code of the INSEE
-- referential (sources/mes-aides.md §3), one row per (stream, record, field,
-- value): communes "<name> (<postal code>)" (aids' Villes, garages' Ville),
-- régions by name (aids' Régions), départements "<code> - <name>" (aids'
-- Départements, garages' Département) and EPCI by name (aids' EPCI, through
-- seed map_mes_aides__epci: no EPCI referential is bundled). Names are
-- fuzzy-matched with trigram similarity as upstream does. A place left
-- without a code is listed by int_mes_aides__unknown_values.
with

places as (
    select distinct
        'aides' as stream,
        aides.record_number,
        'Villes' as field,
        ville.value as raw_value,
        coalesce(
            nullif(btrim(substring(ville.value from '^(.*)\([^()]*\)\s*$'), E' \t\r\n'), ''),
            case when ville.value !~ '\(' then ville.value end
        ) as nom,
        nullif(btrim(substring(ville.value from '\(([^()]*)\)\s*$'), E' \t\r\n'), '') as code_postal
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.villes) as ville (value)
    union all
    select
        'garages' as stream,
        garages.record_number,
        'Ville' as field,
        garages.ville as raw_value,
        garages.ville_nom as nom,
        garages.ville_code_postal as code_postal
    from {{ ref('stg_mes_aides__garages') }} as garages
    where garages.ville is not null
),

-- one row per (commune, postal code), so that places join on the code
commune_postal_codes as (
    select
        communes.code_insee,
        communes.nom,
        postal_code.value as code_postal
    from {{ ref('ref_communes') }} as communes
    cross join lateral string_to_table(communes.codes_postaux, '|') as postal_code (value)
    where communes.type in ('COM', 'ARM')
),

-- names compared lower-cased and without accents; typographic apostrophes
-- as plain ones
normalised_places as (
    select
        places.*,
        lower(unaccent(replace(places.nom, '’', ''''))) as nom_key
    from places
),

-- the most similar commune or municipal arrondissement carrying the postal
-- code; 0.3 is pg_trgm's default threshold for its % operator, which
-- upstream uses
fuzzy_matches as (
    select distinct on (normalised_places.stream, normalised_places.record_number, normalised_places.raw_value)
        normalised_places.stream,
        normalised_places.record_number,
        normalised_places.raw_value,
        commune_postal_codes.code_insee
    from normalised_places
    inner join commune_postal_codes
        on commune_postal_codes.code_postal = normalised_places.code_postal
    where similarity(normalised_places.nom_key, lower(unaccent(commune_postal_codes.nom))) >= 0.3
    order by
        normalised_places.stream,
        normalised_places.record_number,
        normalised_places.raw_value,
        similarity(normalised_places.nom_key, lower(unaccent(commune_postal_codes.nom))) desc,
        commune_postal_codes.code_insee collate "C"
),

-- fallback: a commune associée or déléguée of exactly that name stands for
-- its chef-lieu (one candidate only, else it is ambiguous)
former_communes as (
    select
        lower(unaccent(communes.nom)) as nom_key,
        min(communes.code_commune_parent) as code_insee
    from {{ ref('ref_communes') }} as communes
    where communes.type in ('COMA', 'COMD')
        and communes.code_commune_parent is not null
    group by lower(unaccent(communes.nom))
    having count(distinct communes.code_commune_parent) = 1
),

matched as (
    select
        normalised_places.stream,
        normalised_places.record_number,
        normalised_places.field,
        normalised_places.raw_value,
        normalised_places.nom,
        normalised_places.code_postal,
        coalesce(
            fuzzy_matches.code_insee,
            former_communes.code_insee,
            -- upstream's fixed exceptions for places whose postal code Mes
            -- Aides gets wrong
            case
                when normalised_places.nom_key ~ 'paris' then '75056'
                when normalised_places.nom_key ~ 'lyon' then '69123'
                when normalised_places.nom_key ~ 'saint-victoret' then '13102'
            end
        ) as matched_code
    from normalised_places
    left join fuzzy_matches
        on fuzzy_matches.stream = normalised_places.stream
        and fuzzy_matches.record_number = normalised_places.record_number
        and fuzzy_matches.raw_value = normalised_places.raw_value
    left join former_communes
        on former_communes.nom_key = normalised_places.nom_key
),

resolved_communes as (
    select
        matched.stream,
        matched.record_number,
        matched.field,
        matched.raw_value,
        matched.nom,
        matched.code_postal,
        -- a municipal arrondissement (Lyon 3e) stands for its commune, as
        -- upstream's geocoding publishes it
        coalesce(parent.code_insee, commune.code_insee) as code,
        coalesce(parent.nom, commune.nom) as commune,
        commune.code_departement
    from matched
    left join {{ ref('ref_communes') }} as commune
        on commune.code_insee = matched.matched_code
        and commune.type in ('COM', 'ARM')
    left join {{ ref('ref_communes') }} as parent
        on commune.type = 'ARM'
        and parent.code_insee = commune.code_commune_parent
        and parent.type = 'COM'
),

-- régions by name: the most similar région name (similarity ≥ 0.3), so that
-- "Auvergne Rhône Alpes" finds "Auvergne-Rhône-Alpes"
resolved_regions as (
    select distinct on (aides.record_number, region_name.value)
        'aides' as stream,
        aides.record_number,
        'Régions' as field,
        region_name.value as raw_value,
        region_name.value as nom,
        null::text as code_postal,
        regions.code,
        null::text as commune,
        null::text as code_departement
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.regions) as region_name (value)
    left join {{ ref('ref_regions') }} as regions
        on similarity(lower(unaccent(region_name.value)), lower(unaccent(regions.nom))) >= 0.3
    order by
        aides.record_number,
        region_name.value,
        similarity(lower(unaccent(region_name.value)), lower(unaccent(regions.nom))) desc nulls last,
        regions.code collate "C"
),

-- départements "35 - Ille-et-Vilaine" (or a bare code), kept when the code
-- is a département of the referential
department_names as (
    select distinct
        'aides' as stream,
        aides.record_number,
        'Départements' as field,
        departement.value as raw_value
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.departements) as departement (value)
    union all
    select
        'garages' as stream,
        garages.record_number,
        'Département' as field,
        garages.departement as raw_value
    from {{ ref('stg_mes_aides__garages') }} as garages
    where garages.departement is not null
),

resolved_departements as (
    select
        department_names.stream,
        department_names.record_number,
        department_names.field,
        department_names.raw_value,
        department_names.raw_value as nom,
        null::text as code_postal,
        departements.code,
        null::text as commune,
        departements.code as code_departement
    from department_names
    left join {{ ref('ref_departements') }} as departements
        on departements.code = substring(department_names.raw_value from '^\s*(\w{2,3})\s*(-|$)')
),

-- EPCI names through the seed (exact name)
resolved_epci as (
    select distinct
        'aides' as stream,
        aides.record_number,
        'EPCI' as field,
        epci.value as raw_value,
        epci.value as nom,
        null::text as code_postal,
        map_epci.v1 as code,
        null::text as commune,
        null::text as code_departement
    from {{ ref('stg_mes_aides__aides') }} as aides
    cross join lateral unnest(aides.epci) as epci (value)
    left join {{ ref('map_mes_aides__epci') }} as map_epci
        on map_epci.raw = epci.value
)

select * from resolved_communes
union all
select * from resolved_regions
union all
select * from resolved_departements
union all
select * from resolved_epci

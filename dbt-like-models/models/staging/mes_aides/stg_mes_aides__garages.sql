-- Mes Aides solidarity garages (garages.csv, an Airtable export with French
-- headers), one row per published garage, typed and cleaned but still in
-- Mes Aides' own data model. Unpublished garages are dropped here (§4).
-- Header spellings differ from aides.csv: "En Ligne", "Créé le", "Modifié
-- le", "Mis à jour le".
with

raw_garages as (
    select {{ source_header() }}, data
    from {{ source('mes-aides', 'garages') }}
),

-- Airtable's "En Ligne" checkbox holds the word "checked" when ticked
published as (
    select raw_garages.*
    from raw_garages
    where lower(btrim(raw_garages.data ->> 'En Ligne', E' \t\r\n')) = 'checked'
),

-- comma-separated cells, split outside double quotes, trimmed, unwrapped
list_items as (
    select
        published.record_number,
        cell.field,
        array_agg(item.value order by piece.position) as items
    from published
    cross join lateral (
        values
            ('Services', published.data ->> 'Services'),
            ('Types de véhicule', published.data ->> 'Types de véhicule'),
            ('Besoins', published.data ->> 'Besoins')
    ) as cell (field, text)
    cross join lateral regexp_split_to_table(cell.text, ',(?=(?:[^"]*"[^"]*")*[^"]*$)')
        with ordinality as piece (value, position)
    cross join lateral (
        select btrim(piece.value, E' \t\r\n') as value
    ) as trimmed
    cross join lateral (
        select nullif(
            case
                when trimmed.value ~ '^".*"$'
                    then btrim(replace(substr(trimmed.value, 2, char_length(trimmed.value) - 2), '""', '"'), E' \t\r\n')
                else trimmed.value
            end,
            ''
        ) as value
    ) as item
    where item.value is not null
    group by published.record_number, cell.field
),

typed as (
    select
        {{ source_header('published') }},
        {{ text('ID', 'published.data') }} as id,
        {{ text('Nom', 'published.data') }} as nom,
        {{ text('Adresse', 'published.data') }} as adresse,
        {{ text('Ville', 'published.data') }} as ville,
        {{ text('Département', 'published.data') }} as departement,
        {{ text('Région', 'published.data') }} as region,
        {{ text('Téléphone', 'published.data') }} as telephone_text,
        {{ text('Email', 'published.data') }} as email,
        {{ text('Url', 'published.data') }} as url,
        {{ text('Type', 'published.data') }} as type,
        -- typographic apostrophes are written as plain ones (AGIL’ESS)
        replace({{ text('Partenaire', 'published.data') }}, '’', '''') as partenaire,
        {{ text('Critères d''éligibilité', 'published.data') }} as criteres_eligibilite,
        {{ text('Créé par', 'published.data') }} as cree_par,
        {{ text('Créé le', 'published.data') }} as cree_le_text,
        {{ text('Modifié le', 'published.data') }} as modifie_le_text,
        {{ text('Mis à jour le', 'published.data') }} as mis_a_jour_le_text
    from published
),

-- ISO dates are expected (a day-first date is read too); the date is the
-- calendar date written, an impossible date becomes NULL
dates as (
    select
        typed.record_number,
        date_value.field,
        case
            when date_value.text ~ '^\d{4}-\d{2}-\d{2}'
                then {{ parse_date('left(date_value.text, 10)', 'YYYY-MM-DD') }}
            when date_value.text ~ '^\d{2}/\d{2}/\d{4}'
                then {{ parse_date('left(date_value.text, 10)', 'DD/MM/YYYY') }}
        end as value
    from typed
    cross join lateral (
        values
            ('cree_le', typed.cree_le_text),
            ('modifie_le', typed.modifie_le_text),
            ('mis_a_jour_le', typed.mis_a_jour_le_text)
    ) as date_value (field, text)
)

select
    {{ source_header('typed') }},
    typed.id,
    typed.nom,
    typed.adresse,
    typed.ville,
    -- "Rennes (35000)": the name and the postal code in parentheses
    coalesce(
        nullif(btrim(substring(typed.ville from '^(.*)\([^()]*\)\s*$'), E' \t\r\n'), ''),
        case when typed.ville !~ '\(' then typed.ville end
    ) as ville_nom,
    nullif(btrim(substring(typed.ville from '\(([^()]*)\)\s*$'), E' \t\r\n'), '') as ville_code_postal,
    -- "35 - Ille-et-Vilaine": resolved in int_mes_aides__lieux
    typed.departement,
    typed.region,
    typed.telephone_text,
    -- the cell sometimes wraps the number in text ("Tél. : 01.23.45.67.89
    -- (le matin)"): the first run of digits, dots, dashes and spaces (with
    -- an optional +) holding at least 6 characters is the number
    btrim(substring(typed.telephone_text from '\+?\d[\d .\-]{4,}\d')) as telephone,
    typed.email,
    typed.url,
    typed.type,
    -- lower-cased as the mapping compares them (réparation, vélo & vae)
    (
        select array_agg(lower(service.value) order by service.position)
        from unnest(
            (select list_items.items from list_items
             where list_items.record_number = typed.record_number and list_items.field = 'Services')
        ) with ordinality as service (value, position)
    ) as services,
    (
        select array_agg(lower(vehicule.value) order by vehicule.position)
        from unnest(
            (select list_items.items from list_items
             where list_items.record_number = typed.record_number and list_items.field = 'Types de véhicule')
        ) with ordinality as vehicule (value, position)
    ) as types_de_vehicule,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Besoins') as besoins,
    typed.partenaire,
    typed.criteres_eligibilite,
    typed.cree_par,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'cree_le') as cree_le,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'modifie_le') as modifie_le,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'mis_a_jour_le') as mis_a_jour_le
from typed

-- Mes Aides financial aids (aides.csv, an Airtable export with French
-- headers), one row per published aid, typed and cleaned but still in Mes
-- Aides' own data model. Unpublished aids are dropped here (§4).
with

raw_aides as (
    select {{ source_header() }}, data
    from {{ source('mes-aides', 'aides') }}
),

-- Airtable's "En ligne" checkbox holds the word "checked" when ticked
published as (
    select raw_aides.*
    from raw_aides
    where lower(btrim(raw_aides.data ->> 'En ligne', E' \t\r\n')) = 'checked'
),

-- Multi-valued cells (multiple selects, linked records) are comma-separated
-- in one cell; an item containing a comma is wrapped in double quotes. Split
-- on the commas outside quotes, trim, unwrap quoted items ("" is a quote).
list_items as (
    select
        published.record_number,
        cell.field,
        array_agg(item.value order by piece.position) as items
    from published
    cross join lateral (
        values
            ('Départements', published.data ->> 'Départements'),
            ('Régions', published.data ->> 'Régions'),
            ('EPCI', published.data ->> 'EPCI'),
            ('Villes', published.data ->> 'Villes'),
            ('Besoins', published.data ->> 'Besoins'),
            ('Thématiques', published.data ->> 'Thématiques'),
            ('Type d''aide', published.data ->> 'Type d''aide'),
            ('Nature', published.data ->> 'Nature'),
            ('Conditions', published.data ->> 'Conditions'),
            ('Justificatifs', published.data ->> 'Justificatifs')
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
        {{ text('Organisme', 'published.data') }} as organisme,
        {{ text('Organisme Financeur', 'published.data') }} as organisme_financeur,
        {{ text('Description', 'published.data') }} as description,
        -- spaces and a decimal comma are tolerated ("1 200,50")
        replace(
            regexp_replace({{ text('Montant', 'published.data') }}, '[\s\u00a0\u202f]', '', 'g'),
            ',', '.'
        ) as montant_text,
        coalesce(lower(btrim(published.data ->> 'Cumulable', E' \t\r\n')) = 'checked', false) as cumulable,
        {{ text('Site', 'published.data') }} as site,
        {{ text('Zone géographique', 'published.data') }} as zone_geographique,
        {{ text('Méthode', 'published.data') }} as methode,
        {{ text('Autres Conditions', 'published.data') }} as autres_conditions,
        {{ text('Autres Justificatifs', 'published.data') }} as autres_justificatifs,
        {{ text('Bon à savoir', 'published.data') }} as bon_a_savoir,
        {{ text('Démarches', 'published.data') }} as demarches,
        {{ text('Modalité et versement', 'published.data') }} as modalite_et_versement,
        {{ text('Voir l''aide', 'published.data') }} as voir_l_aide,
        {{ text('Formulaire Url', 'published.data') }} as formulaire_url,
        {{ text('Documentation Url', 'published.data') }} as documentation_url,
        {{ text('Règlement Url', 'published.data') }} as reglement_url,
        -- the non-empty contacts, in column order (the first one is used)
        array_remove(
            array[
                {{ text('Contact Email', 'published.data') }},
                {{ text('Contact Email 2', 'published.data') }},
                {{ text('Contact Email 3', 'published.data') }}
            ],
            null
        ) as contact_emails,
        array_remove(
            array[
                {{ text('Contact Tel', 'published.data') }},
                {{ text('Contact Tel 2', 'published.data') }},
                {{ text('Contact Tel 3', 'published.data') }}
            ],
            null
        ) as contact_tels,
        {{ text('Contact Dossier', 'published.data') }} as contact_dossier,
        {{ text('Créée le', 'published.data') }} as creee_le_text,
        {{ text('Modifiée le', 'published.data') }} as modifiee_le_text,
        {{ text('Mise à jour le', 'published.data') }} as mise_a_jour_le_text,
        {{ text('Expiration', 'published.data') }} as expiration_text
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
            ('creee_le', typed.creee_le_text),
            ('modifiee_le', typed.modifiee_le_text),
            ('mise_a_jour_le', typed.mise_a_jour_le_text),
            ('expiration', typed.expiration_text)
    ) as date_value (field, text)
)

select
    {{ source_header('typed') }},
    typed.id,
    typed.nom,
    typed.organisme,
    typed.organisme_financeur,
    typed.description,
    -- .double() in silent mode: a number, or NULL instead of an error
    jsonb_path_query_first(to_jsonb(typed.montant_text), '$.double()', '{}', true)::double precision as montant,
    typed.cumulable,
    typed.site,
    typed.zone_geographique,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Départements') as departements,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Régions') as regions,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'EPCI') as epci,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Villes') as villes,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Besoins') as besoins,
    -- "🚗 Transport" → "transport": the emoji and its space are dropped
    (
        select array_agg(
            lower(regexp_replace(theme.value, '^[^[:alnum:]]+', '')) order by theme.position
        )
        from unnest(
            (select list_items.items from list_items
             where list_items.record_number = typed.record_number and list_items.field = 'Thématiques')
        ) with ordinality as theme (value, position)
        where regexp_replace(theme.value, '^[^[:alnum:]]+', '') <> ''
    ) as thematiques,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Type d''aide') as types_aide,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Nature') as natures,
    typed.methode,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Conditions') as conditions,
    (select list_items.items from list_items
     where list_items.record_number = typed.record_number and list_items.field = 'Justificatifs') as justificatifs,
    typed.autres_conditions,
    typed.autres_justificatifs,
    typed.bon_a_savoir,
    typed.demarches,
    typed.modalite_et_versement,
    typed.voir_l_aide,
    typed.formulaire_url,
    typed.documentation_url,
    typed.reglement_url,
    nullif(typed.contact_emails, '{}') as contact_emails,
    nullif(typed.contact_tels, '{}') as contact_tels,
    typed.contact_dossier,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'creee_le') as creee_le,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'modifiee_le') as modifiee_le,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'mise_a_jour_le') as mise_a_jour_le,
    (select dates.value from dates
     where dates.record_number = typed.record_number and dates.field = 'expiration') as expiration
from typed

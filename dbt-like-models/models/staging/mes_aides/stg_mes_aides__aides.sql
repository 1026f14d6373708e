-- Mes Aides financial aids (aides.csv, an Airtable export with French
-- headers), one row per published aid, typed and cleaned but still in Mes
-- Aides' own data model. Unpublished aids are dropped here (§4).
with

raw_aides as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('mes-aides', 'aides') }} as raw_records
),

-- Airtable's "En ligne" checkbox holds the word "checked" when ticked
published as (
    select raw_aides.*
    from raw_aides as raw_aides
    where lower(btrim(raw_aides.data ->> 'En ligne', E' \t\r\n')) = 'checked'
),

-- Multi-valued cells (multiple selects, linked records) are comma-separated
-- in one cell; an item containing a comma is wrapped in double quotes. Split
-- on the commas outside quotes, trim, unwrap quoted items ("" is a quote).
list_items as (
    select
        published.record_number as record_number,
        cell.field as field,
        array_agg(item.value order by piece.position) as items
    from published as published
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
        published.run_id as run_id,
        published.record_number as record_number,
        nullif(btrim(published.data ->> 'ID', E' \t\r\n'), '') as id,
        nullif(btrim(published.data ->> 'Nom', E' \t\r\n'), '') as nom,
        nullif(btrim(published.data ->> 'Organisme', E' \t\r\n'), '') as organisme,
        nullif(btrim(published.data ->> 'Organisme Financeur', E' \t\r\n'), '') as organisme_financeur,
        nullif(btrim(published.data ->> 'Description', E' \t\r\n'), '') as description,
        -- spaces and a decimal comma are tolerated ("1 200,50")
        replace(
            regexp_replace(nullif(btrim(published.data ->> 'Montant', E' \t\r\n'), ''), '[\s\u00a0\u202f]', '', 'g'),
            ',', '.'
        ) as montant_text,
        coalesce(lower(btrim(published.data ->> 'Cumulable', E' \t\r\n')) = 'checked', false) as cumulable,
        nullif(btrim(published.data ->> 'Site', E' \t\r\n'), '') as site,
        nullif(btrim(published.data ->> 'Zone géographique', E' \t\r\n'), '') as zone_geographique,
        nullif(btrim(published.data ->> 'Méthode', E' \t\r\n'), '') as methode,
        nullif(btrim(published.data ->> 'Autres Conditions', E' \t\r\n'), '') as autres_conditions,
        nullif(btrim(published.data ->> 'Autres Justificatifs', E' \t\r\n'), '') as autres_justificatifs,
        nullif(btrim(published.data ->> 'Bon à savoir', E' \t\r\n'), '') as bon_a_savoir,
        nullif(btrim(published.data ->> 'Démarches', E' \t\r\n'), '') as demarches,
        nullif(btrim(published.data ->> 'Modalité et versement', E' \t\r\n'), '') as modalite_et_versement,
        nullif(btrim(published.data ->> 'Voir l''aide', E' \t\r\n'), '') as voir_l_aide,
        nullif(btrim(published.data ->> 'Formulaire Url', E' \t\r\n'), '') as formulaire_url,
        nullif(btrim(published.data ->> 'Documentation Url', E' \t\r\n'), '') as documentation_url,
        nullif(btrim(published.data ->> 'Règlement Url', E' \t\r\n'), '') as reglement_url,
        -- the non-empty contacts, in column order (the first one is used)
        array_remove(
            array[
                nullif(btrim(published.data ->> 'Contact Email', E' \t\r\n'), ''),
                nullif(btrim(published.data ->> 'Contact Email 2', E' \t\r\n'), ''),
                nullif(btrim(published.data ->> 'Contact Email 3', E' \t\r\n'), '')
            ],
            null
        ) as contact_emails,
        array_remove(
            array[
                nullif(btrim(published.data ->> 'Contact Tel', E' \t\r\n'), ''),
                nullif(btrim(published.data ->> 'Contact Tel 2', E' \t\r\n'), ''),
                nullif(btrim(published.data ->> 'Contact Tel 3', E' \t\r\n'), '')
            ],
            null
        ) as contact_tels,
        nullif(btrim(published.data ->> 'Contact Dossier', E' \t\r\n'), '') as contact_dossier,
        nullif(btrim(published.data ->> 'Créée le', E' \t\r\n'), '') as creee_le_text,
        nullif(btrim(published.data ->> 'Modifiée le', E' \t\r\n'), '') as modifiee_le_text,
        nullif(btrim(published.data ->> 'Mise à jour le', E' \t\r\n'), '') as mise_a_jour_le_text,
        nullif(btrim(published.data ->> 'Expiration', E' \t\r\n'), '') as expiration_text
    from published as published
),

-- ISO dates are expected (a day-first date is read too); the date is the
-- calendar date written, an impossible date becomes NULL
dates as (
    select
        typed.record_number as record_number,
        date_value.field as field,
        case
            when date_value.text ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(to_jsonb(left(date_value.text, 10)), '$.datetime("YYYY-MM-DD")', '{}', true)
                    #>> '{}'
                )::date
            when date_value.text ~ '^\d{2}/\d{2}/\d{4}'
                then (
                    jsonb_path_query_first(to_jsonb(left(date_value.text, 10)), '$.datetime("DD/MM/YYYY")', '{}', true)
                    #>> '{}'
                )::date
        end as value
    from typed as typed
    cross join lateral (
        values
            ('creee_le', typed.creee_le_text),
            ('modifiee_le', typed.modifiee_le_text),
            ('mise_a_jour_le', typed.mise_a_jour_le_text),
            ('expiration', typed.expiration_text)
    ) as date_value (field, text)
),

final as (
    select
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        typed.nom as nom,
        typed.organisme as organisme,
        typed.organisme_financeur as organisme_financeur,
        typed.description as description,
        -- .double() in silent mode: a number, or NULL instead of an error
        jsonb_path_query_first(to_jsonb(typed.montant_text), '$.double()', '{}', true)::double precision as montant,
        typed.cumulable as cumulable,
        typed.site as site,
        typed.zone_geographique as zone_geographique,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Départements') as departements,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Régions') as regions,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'EPCI') as epci,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Villes') as villes,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Besoins') as besoins,
        -- "🚗 Transport" → "transport": the emoji and its space are dropped
        (
            select array_agg(
                lower(regexp_replace(theme.value, '^[^[:alnum:]]+', '')) order by theme.position
            )
            from unnest(
                (select list_items.items from list_items as list_items
                 where list_items.record_number = typed.record_number and list_items.field = 'Thématiques')
            ) with ordinality as theme (value, position)
            where regexp_replace(theme.value, '^[^[:alnum:]]+', '') <> ''
        ) as thematiques,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Type d''aide') as types_aide,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Nature') as natures,
        typed.methode as methode,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Conditions') as conditions,
        (select list_items.items from list_items as list_items
         where list_items.record_number = typed.record_number and list_items.field = 'Justificatifs') as justificatifs,
        typed.autres_conditions as autres_conditions,
        typed.autres_justificatifs as autres_justificatifs,
        typed.bon_a_savoir as bon_a_savoir,
        typed.demarches as demarches,
        typed.modalite_et_versement as modalite_et_versement,
        typed.voir_l_aide as voir_l_aide,
        typed.formulaire_url as formulaire_url,
        typed.documentation_url as documentation_url,
        typed.reglement_url as reglement_url,
        nullif(typed.contact_emails, '{}') as contact_emails,
        nullif(typed.contact_tels, '{}') as contact_tels,
        typed.contact_dossier as contact_dossier,
        (select dates.value from dates as dates
         where dates.record_number = typed.record_number and dates.field = 'creee_le') as creee_le,
        (select dates.value from dates as dates
         where dates.record_number = typed.record_number and dates.field = 'modifiee_le') as modifiee_le,
        (select dates.value from dates as dates
         where dates.record_number = typed.record_number and dates.field = 'mise_a_jour_le') as mise_a_jour_le,
        (select dates.value from dates as dates
         where dates.record_number = typed.record_number and dates.field = 'expiration') as expiration
    from typed as typed
)

select * from final

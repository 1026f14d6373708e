-- The Action Logement service catalogue (Grist table Services exported as
-- services.csv), one row per catalogue row that the editors did not switch
-- off. Its columns are already v1 fields (plus Action Logement's own publics
-- categories); lists are split here. The row's horaires_accueil is read but
-- not staged: the office hours win (sources/action-logement.md §5).
with

raw_services as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('action-logement', 'services') }} as raw_records
),

typed as (
    select
        raw_services.run_id as run_id,
        raw_services.record_number as record_number,
        nullif(btrim(raw_services.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_services.data ->> 'date_maj', E' \t\r\n'), '') as date_maj_text,
        nullif(btrim(raw_services.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_services.data ->> 'description', E' \t\r\n'), '') as description,
        nullif(btrim(raw_services.data ->> 'lien_source', E' \t\r\n'), '') as lien_source,
        nullif(btrim(raw_services.data ->> 'type', E' \t\r\n'), '') as type,
        nullif(btrim(raw_services.data ->> 'thematiques', E' \t\r\n'), '') as thematiques_text,
        nullif(btrim(raw_services.data ->> 'frais', E' \t\r\n'), '') as frais,
        nullif(btrim(raw_services.data ->> 'frais_precisions', E' \t\r\n'), '') as frais_precisions,
        nullif(btrim(raw_services.data ->> 'publics', E' \t\r\n'), '') as publics_text,
        nullif(btrim(raw_services.data ->> 'publics_precisions', E' \t\r\n'), '') as publics_precisions,
        nullif(btrim(raw_services.data ->> 'conditions_acces', E' \t\r\n'), '') as conditions_acces,
        nullif(btrim(raw_services.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_services.data ->> 'courriel', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_services.data ->> 'contact_nom_prenom', E' \t\r\n'), '') as contact_nom_prenom,
        nullif(btrim(raw_services.data ->> 'modes_accueil', E' \t\r\n'), '') as modes_accueil_text,
        nullif(btrim(raw_services.data ->> 'modes_mobilisation', E' \t\r\n'), '') as modes_mobilisation_text,
        nullif(btrim(raw_services.data ->> 'lien_mobilisation', E' \t\r\n'), '') as lien_mobilisation,
        nullif(btrim(raw_services.data ->> 'mobilisation_precisions', E' \t\r\n'), '') as mobilisation_precisions,
        nullif(btrim(raw_services.data ->> 'mobilisable_par', E' \t\r\n'), '') as mobilisable_par_text,
        nullif(btrim(raw_services.data ->> 'zone_eligibilite', E' \t\r\n'), '') as zone_eligibilite_text,
        -- a decimal comma is accepted as well as a point
        replace(nullif(btrim(raw_services.data ->> 'volume_horaire_hebdomadaire', E' \t\r\n'), ''), ',', '.') as volume_text,
        nullif(btrim(raw_services.data ->> 'nombre_semaines', E' \t\r\n'), '') as semaines_text,
        nullif(btrim(raw_services.data ->> 'publics_al', E' \t\r\n'), '') as publics_al_text,
        nullif(lower(btrim(raw_services.data ->> '__ignore__', E' \t\r\n')), '') as ignore_text
    from raw_services as raw_services
),

final as (
    select
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        -- ISO dates in this Grist document (unlike France Travail's); a
        -- day-first date is read too. Impossible dates become NULL.
        case
            when typed.date_maj_text ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(typed.date_maj_text, 10)), '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
            when typed.date_maj_text ~ '^\d{2}/\d{2}/\d{4}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(typed.date_maj_text, 10)), '$.datetime("DD/MM/YYYY")', '{}', true
                    ) #>> '{}'
                )::date
        end as date_maj,
        typed.nom as nom,
        typed.description as description,
        typed.lien_source as lien_source,
        typed.type as type,
        -- lists are written "a, b": split on the comma, items trimmed, empty
        -- items dropped (no v1 value contains a comma)
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.thematiques_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as thematiques,
        typed.frais as frais,
        typed.frais_precisions as frais_precisions,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.publics_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics,
        typed.publics_precisions as publics_precisions,
        typed.conditions_acces as conditions_acces,
        typed.telephone as telephone,
        typed.courriel as courriel,
        typed.contact_nom_prenom as contact_nom_prenom,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.modes_accueil_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modes_accueil,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.modes_mobilisation_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as modes_mobilisation,
        typed.lien_mobilisation as lien_mobilisation,
        typed.mobilisation_precisions as mobilisation_precisions,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.mobilisable_par_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as mobilisable_par,
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.zone_eligibilite_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as zone_eligibilite,
        -- .double() in silent mode: a number, or NULL instead of an error
        jsonb_path_query_first(to_jsonb(typed.volume_text), '$.double()', '{}', true)::double precision
            as volume_horaire_hebdomadaire,
        -- a whole number of weeks; "4.0" is read as 4, "4.5" or "quatre" as NULL
        (
            select case
                when weeks.value = trunc(weeks.value) and weeks.value between -2147483648 and 2147483647
                    then weeks.value::integer
            end
            from (
                select jsonb_path_query_first(to_jsonb(typed.semaines_text), '$.double()', '{}', true)::double precision
                    as value
            ) as weeks
        ) as nombre_semaines,
        -- Action Logement's own categories (Salariés du secteur privé, …):
        -- free wording, kept verbatim for reference, not mapped to v1
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.publics_al_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as publics_al,
        -- kept for int_action_logement__unknown_values: a value that is neither
        -- a true nor a false spelling (rows are kept, as when empty)
        typed.ignore_text as ignore_value
    from typed as typed
    -- rows switched off by the catalogue editors; empty means false
    where typed.ignore_text is null
        or typed.ignore_text not in ('true', 't', 'yes', 'y', 'on', '1', 'oui', 'vrai')
)

select * from final

-- Action Logement offices (Grist table Structures exported as
-- structures.csv), one row per office that the editors did not switch off.
-- The columns are already v1 structure fields.
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('action-logement', 'structures') }} as raw_records
),

typed as (
    select
        raw_structures.run_id as run_id,
        raw_structures.record_number as record_number,
        nullif(btrim(raw_structures.data ->> 'id', E' \t\r\n'), '') as id,
        nullif(btrim(raw_structures.data ->> 'nom', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_structures.data ->> 'siret', E' \t\r\n'), '') as siret,
        nullif(btrim(raw_structures.data ->> 'description', E' \t\r\n'), '') as description,
        nullif(btrim(raw_structures.data ->> 'adresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_structures.data ->> 'complement_adresse', E' \t\r\n'), '') as complement_adresse,
        nullif(btrim(raw_structures.data ->> 'code_postal', E' \t\r\n'), '') as code_postal,
        nullif(btrim(raw_structures.data ->> 'commune', E' \t\r\n'), '') as commune,
        nullif(btrim(raw_structures.data ->> 'telephone', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_structures.data ->> 'lien_source', E' \t\r\n'), '') as lien_source,
        nullif(btrim(raw_structures.data ->> 'site_web', E' \t\r\n'), '') as site_web,
        nullif(btrim(raw_structures.data ->> 'horaires_accueil', E' \t\r\n'), '') as horaires_accueil,
        nullif(btrim(raw_structures.data ->> 'reseaux_porteurs', E' \t\r\n'), '') as reseaux_porteurs_text,
        nullif(btrim(raw_structures.data ->> 'date_maj', E' \t\r\n'), '') as date_maj_text,
        nullif(lower(btrim(raw_structures.data ->> '__ignore__', E' \t\r\n')), '') as ignore_text
    from raw_structures as raw_structures
),

final as (
    select
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        typed.nom as nom,
        typed.siret as siret,
        typed.description as description,
        typed.adresse as adresse,
        typed.complement_adresse as complement_adresse,
        typed.code_postal as code_postal,
        typed.commune as commune,
        typed.telephone as telephone,
        typed.lien_source as lien_source,
        typed.site_web as site_web,
        typed.horaires_accueil as horaires_accueil,
        -- "a, b": split on the comma, items trimmed, empty items dropped
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from string_to_table(typed.reseaux_porteurs_text, ',') with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as reseaux_porteurs,
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
        -- kept for int_action_logement__unknown_values (odd spellings)
        typed.ignore_text as ignore_value
    from typed as typed
    -- offices switched off by the editors; empty means false
    where typed.ignore_text is null
        or typed.ignore_text not in ('true', 't', 'yes', 'y', 'on', '1', 'oui', 'vrai')
)

select * from final

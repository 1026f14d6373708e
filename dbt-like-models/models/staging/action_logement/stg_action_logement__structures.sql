-- Action Logement offices (Grist table Structures exported as
-- structures.csv), one row per office that the editors did not switch off.
-- The columns are already v1 structure fields.
with

typed as (
    select
        {{ source_header() }},
        {{ text('id') }} as id,
        {{ text('nom') }} as nom,
        {{ text('siret') }} as siret,
        {{ text('description') }} as description,
        {{ text('adresse') }} as adresse,
        {{ text('complement_adresse') }} as complement_adresse,
        {{ text('code_postal') }} as code_postal,
        {{ text('commune') }} as commune,
        {{ text('telephone') }} as telephone,
        {{ text('lien_source') }} as lien_source,
        {{ text('site_web') }} as site_web,
        {{ text('horaires_accueil') }} as horaires_accueil,
        {{ text('reseaux_porteurs') }} as reseaux_porteurs_text,
        {{ text('date_maj') }} as date_maj_text,
        nullif(lower(btrim(data ->> '__ignore__', E' \t\r\n')), '') as ignore_text
    from {{ source('action-logement', 'structures') }}
)

select
    {{ source_header() }},
    typed.id,
    typed.nom,
    typed.siret,
    typed.description,
    typed.adresse,
    typed.complement_adresse,
    typed.code_postal,
    typed.commune,
    typed.telephone,
    typed.lien_source,
    typed.site_web,
    typed.horaires_accueil,
    -- "a, b": split on the comma, items trimmed, empty items dropped
    {{ text_list('typed.reseaux_porteurs_text') }} as reseaux_porteurs,
    -- ISO dates in this Grist document (unlike France Travail's); a
    -- day-first date is read too. Impossible dates become NULL.
    case
        when typed.date_maj_text ~ '^\d{4}-\d{2}-\d{2}'
            then {{ parse_date('left(typed.date_maj_text, 10)', 'YYYY-MM-DD') }}
        when typed.date_maj_text ~ '^\d{2}/\d{2}/\d{4}'
            then {{ parse_date('left(typed.date_maj_text, 10)', 'DD/MM/YYYY') }}
    end as date_maj,
    -- kept for int__unknown_values (odd spellings)
    typed.ignore_text as ignore_value
from typed
-- offices switched off by the editors; empty means false
where typed.ignore_text is null
    or typed.ignore_text not in ('true', 't', 'yes', 'y', 'on', '1', 'oui', 'vrai')

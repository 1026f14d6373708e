-- The Action Logement service catalogue (Grist table Services exported as
-- services.csv), one row per catalogue row that the editors did not switch
-- off. Its columns are already v1 fields (plus Action Logement's own publics
-- categories); lists are split here. The row's horaires_accueil is read but
-- not staged: the office hours win (sources/action-logement.md §5).
with

typed as (
    select
        {{ source_header() }},
        {{ text('id') }} as id,
        {{ text('date_maj') }} as date_maj_text,
        {{ text('nom') }} as nom,
        {{ text('description') }} as description,
        {{ text('lien_source') }} as lien_source,
        {{ text('type') }} as type,
        {{ text('thematiques') }} as thematiques_text,
        {{ text('frais') }} as frais,
        {{ text('frais_precisions') }} as frais_precisions,
        {{ text('publics') }} as publics_text,
        {{ text('publics_precisions') }} as publics_precisions,
        {{ text('conditions_acces') }} as conditions_acces,
        {{ text('telephone') }} as telephone,
        {{ text('courriel') }} as courriel,
        {{ text('contact_nom_prenom') }} as contact_nom_prenom,
        {{ text('modes_accueil') }} as modes_accueil_text,
        {{ text('modes_mobilisation') }} as modes_mobilisation_text,
        {{ text('lien_mobilisation') }} as lien_mobilisation,
        {{ text('mobilisation_precisions') }} as mobilisation_precisions,
        {{ text('mobilisable_par') }} as mobilisable_par_text,
        {{ text('zone_eligibilite') }} as zone_eligibilite_text,
        -- a decimal comma is accepted as well as a point
        replace({{ text('volume_horaire_hebdomadaire') }}, ',', '.') as volume_text,
        {{ text('nombre_semaines') }} as semaines_text,
        {{ text('publics_al') }} as publics_al_text,
        nullif(lower(btrim(data ->> '__ignore__', E' \t\r\n')), '') as ignore_text
    from {{ source('action-logement', 'services') }}
)

select
    {{ source_header() }},
    typed.id,
    -- ISO dates in this Grist document (unlike France Travail's); a
    -- day-first date is read too. Impossible dates become NULL.
    case
        when typed.date_maj_text ~ '^\d{4}-\d{2}-\d{2}'
            then {{ parse_date('left(typed.date_maj_text, 10)', 'YYYY-MM-DD') }}
        when typed.date_maj_text ~ '^\d{2}/\d{2}/\d{4}'
            then {{ parse_date('left(typed.date_maj_text, 10)', 'DD/MM/YYYY') }}
    end as date_maj,
    typed.nom,
    typed.description,
    typed.lien_source,
    typed.type,
    -- lists are written "a, b": split on the comma, items trimmed, empty
    -- items dropped (no v1 value contains a comma)
    {{ text_list('typed.thematiques_text') }} as thematiques,
    typed.frais,
    typed.frais_precisions,
    {{ text_list('typed.publics_text') }} as publics,
    typed.publics_precisions,
    typed.conditions_acces,
    typed.telephone,
    typed.courriel,
    typed.contact_nom_prenom,
    {{ text_list('typed.modes_accueil_text') }} as modes_accueil,
    {{ text_list('typed.modes_mobilisation_text') }} as modes_mobilisation,
    typed.lien_mobilisation,
    typed.mobilisation_precisions,
    {{ text_list('typed.mobilisable_par_text') }} as mobilisable_par,
    {{ text_list('typed.zone_eligibilite_text') }} as zone_eligibilite,
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
    {{ text_list('typed.publics_al_text') }} as publics_al,
    -- kept for int__unknown_values: a value that is neither
    -- a true nor a false spelling (rows are kept, as when empty)
    typed.ignore_text as ignore_value
from typed
-- rows switched off by the catalogue editors; empty means false
where typed.ignore_text is null
    or typed.ignore_text not in ('true', 't', 'yes', 'y', 'on', '1', 'oui', 'vrai')

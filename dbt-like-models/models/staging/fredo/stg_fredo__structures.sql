-- Fredo (La Réunion) structures, one row per object of structures.json,
-- typed and cleaned but still in Fredo's own data model. The vocabulary
-- arrays are lower-cased here because the mapping seeds compare lower-cased
-- values (sources/fredo.md §6). One row per service item is in stg_fredo__services.
select
    {{ source_header() }},
    -- a number or a string in the API: used as text
    {{ text('id') }} as id,
    {{ text('nom') }} as nom,
    {{ text('siret') }} as siret,
    {{ text('adresse') }} as adresse,
    {{ text('code_postal') }} as code_postal,
    {{ text('commune') }} as commune,
    -- numbers or numeric strings; .double() in silent mode yields NULL
    -- for anything else (empty strings included)
    {{ number('latitude') }} as latitude,
    {{ number('longitude') }} as longitude,
    -- despite its name, the structure's own website (becomes site_web)
    {{ text('lien_source') }} as lien_source,
    -- free text, not opening_hours syntax
    {{ text('horaires_ouverture') }} as horaires_ouverture,
    {{ text('presentation_resume') }} as presentation_resume,
    -- "Gratuit/sur rendez-vous": one fee item per /-separated part
    (
        select array_agg(lower(btrim(item.value, E' \t\r\n')) order by item.position)
        from unnest(string_to_array(data ->> 'frais', '/')) with ordinality as item (value, position)
        where btrim(item.value, E' \t\r\n') <> ''
    ) as frais,
    -- only the exact shape YYYY-MM-DD HH:MM:SS is read (empty strings
    -- occur); the date as written, an impossible date is NULL
    case
        when btrim(data ->> 'last_update') ~ '^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$'
            then {{ parse_date('left(btrim(data ->> ''last_update''), 10)', 'YYYY-MM-DD') }}
    end as last_update,
    {{ lower_text_array('categories') }} as categories,
    {{ lower_text_array('services') }} as services,
    {{ lower_text_array('publics') }} as publics,
    {{ lower_text_array('type_structure') }} as type_structure,
    -- e-mail addresses are case-insensitive in practice: lower-cased
    {{ lower_text_array('email') }} as emails,
    -- phones kept as typed ("0262-00-00-03")
    {{ text_array('telephone') }} as telephones
from {{ source('fredo', 'structures') }}

-- DORA structures, one row per object of structures.json, typed and cleaned
-- but still in DORA's own (v0-named) data model. Mapping to v1 happens in
-- int_dora__structures_v1.
with

typed as (
    select
        {{ source_header() }},
        {{ text('id') }} as id,
        {{ text('nom') }} as nom,
        {{ text('siret') }} as siret,
        {{ text('typologie') }} as typologie,
        {{ text('adresse') }} as adresse,
        {{ text('complement_adresse') }} as complement_adresse,
        -- postal and INSEE codes stay text: leading zeros and Corsican codes (2A004)
        {{ text('code_postal') }} as code_postal,
        {{ text('code_insee') }} as code_insee,
        {{ text('commune') }} as commune,
        -- .double() in silent mode accepts JSON numbers and numeric strings and
        -- yields NULL for anything else instead of failing the whole model
        {{ number('latitude') }} as latitude,
        {{ number('longitude') }} as longitude,
        {{ text('telephone') }} as telephone,
        {{ text('courriel') }} as courriel,
        {{ text('site_web') }} as site_web,
        {{ text('lien_source') }} as lien_source,
        {{ text('horaires_ouverture') }} as horaires_ouverture,
        {{ text('accessibilite') }} as accessibilite,
        {{ text('presentation_resume') }} as presentation_resume,
        {{ text('presentation_detail') }} as presentation_detail,
        -- the date as written by the producer (its local date), whatever the
        -- session time zone; an impossible date (2024-02-30) becomes NULL
        {{ date('date_maj') }} as date_maj,
        {{ text('source') }} as source,
        {{ text_array('labels_nationaux') }} as labels_nationaux,
        {{ text_array('labels_autres') }} as labels_autres
    from {{ source('dora', 'structures') }}
)

select
    {{ source_header() }},
    typed.id,
    -- DORA names often end with a stray dot; v1 warns on a final dot
    -- except for "etc.", so the dots are dropped here as upstream does
    case
        when typed.nom ~* 'etc\.$' then typed.nom
        else nullif(rtrim(regexp_replace(typed.nom, '\.+$', ''), E' \t\r\n'), '')
    end as nom,
    typed.siret,
    typed.typologie,
    typed.adresse,
    typed.complement_adresse,
    typed.code_postal,
    typed.code_insee,
    typed.commune,
    typed.latitude,
    typed.longitude,
    typed.telephone,
    typed.courriel,
    typed.site_web,
    typed.lien_source,
    typed.horaires_ouverture,
    typed.accessibilite,
    typed.presentation_resume,
    typed.presentation_detail,
    typed.date_maj,
    typed.source,
    typed.labels_nationaux,
    typed.labels_autres
from typed

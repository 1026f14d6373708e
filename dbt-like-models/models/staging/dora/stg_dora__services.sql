-- DORA services, one row per distinct object of services.json, typed and
-- cleaned but still in DORA's own (v0-named) data model. Services whose
-- structure is absent are kept here and dropped in int_dora__services_v1.
with

typed as materialized (
    select
        {{ source_header() }},
        {{ text('id') }} as id,
        {{ text('structure_id') }} as structure_id,
        {{ text('nom') }} as nom,
        {{ text('presentation_resume') }} as presentation_resume,
        {{ text('presentation_detail') }} as presentation_detail,
        {{ text_array('thematiques') }} as thematiques,
        {{ text_array('publics') }} as publics,
        {{ text_array('types') }} as types,
        {{ text_array('modes_accueil') }} as modes_accueil,
        {{ text_array('profils') }} as profils,
        {{ text_array('pre_requis') }} as pre_requis,
        {{ text_array('justificatifs') }} as justificatifs,
        {{ text_array('modes_orientation_beneficiaire') }} as modes_orientation_beneficiaire,
        {{ text('modes_orientation_beneficiaire_autres') }} as modes_orientation_beneficiaire_autres,
        {{ text_array('modes_orientation_accompagnateur') }} as modes_orientation_accompagnateur,
        {{ text('modes_orientation_accompagnateur_autres') }} as modes_orientation_accompagnateur_autres,
        {{ text('frais') }} as frais,
        {{ text('frais_autres') }} as frais_autres,
        {{ text('prise_rdv') }} as prise_rdv,
        {{ text('formulaire_en_ligne') }} as formulaire_en_ligne,
        {{ text('contact_nom_prenom') }} as contact_nom_prenom,
        {{ text('courriel') }} as courriel,
        {{ text('telephone') }} as telephone,
        -- true/false as JSON booleans or as strings; anything else is unknown
        case
            when lower(btrim(data ->> 'contact_public')) in ('true', 'false')
                then lower(btrim(data ->> 'contact_public'))::boolean
        end as contact_public,
        {{ text('zone_diffusion_type') }} as zone_diffusion_type,
        {{ text('zone_diffusion_code') }} as zone_diffusion_code,
        {{ text('zone_diffusion_nom') }} as zone_diffusion_nom,
        -- DORA sends these as numbers or as numeric strings ("4", "1.5");
        -- .double() in silent mode reads both and yields NULL for anything else
        {{ number('temps_passe_semaines') }} as temps_passe_semaines,
        {{ number('temps_passe_duree_hebdomadaire') }} as temps_passe_duree_hebdomadaire,
        {{ text('recurrence') }} as recurrence,
        {{ text('publics_precisions') }} as publics_precisions,
        {{ text('lien_source') }} as lien_source,
        -- the date as written by the producer (its local date), whatever the
        -- session time zone; an impossible date (2024-02-30) becomes NULL
        {{ date('date_maj') }} as date_maj,
        {{ text('source') }} as source,
        {{ text('adresse') }} as adresse,
        {{ text('complement_adresse') }} as complement_adresse,
        {{ text('code_postal') }} as code_postal,
        {{ text('code_insee') }} as code_insee,
        {{ text('commune') }} as commune,
        {{ number('latitude') }} as latitude,
        {{ number('longitude') }} as longitude
    from {{ source('dora', 'services') }}
),

-- The DORA API is known to return the same service object twice. Rows that
-- are identical once staged (lineage columns aside) collapse to the first one.
-- Two rows with one id but different content both survive on purpose: the
-- uniqueness tests must then fail loudly rather than hide a real conflict.
ranked as (
    select
        typed.*,
        row_number() over (
            partition by to_jsonb(typed) - array['run_id', 'record_number']
            order by typed.run_id, typed.record_number
        ) as copy_number
    from typed
)

select
    {{ source_header() }},
    ranked.id,
    ranked.structure_id,
    -- a trailing run of dots is an ellipsis typed with full stops; a single
    -- final dot is dropped (v1 warns on it) unless it closes "etc."
    case
        when ranked.nom ~ '\.{2,}$' then regexp_replace(ranked.nom, '\.{2,}$', '…')
        when ranked.nom ~ '\.$' and ranked.nom !~* 'etc\.$'
            then nullif(rtrim(left(ranked.nom, -1), E' \t\r\n'), '')
        else ranked.nom
    end as nom,
    ranked.presentation_resume,
    ranked.presentation_detail,
    ranked.thematiques,
    ranked.publics,
    ranked.types,
    ranked.modes_accueil,
    ranked.profils,
    ranked.pre_requis,
    ranked.justificatifs,
    ranked.modes_orientation_beneficiaire,
    ranked.modes_orientation_beneficiaire_autres,
    ranked.modes_orientation_accompagnateur,
    ranked.modes_orientation_accompagnateur_autres,
    ranked.frais,
    ranked.frais_autres,
    ranked.prise_rdv,
    ranked.formulaire_en_ligne,
    ranked.contact_nom_prenom,
    ranked.courriel,
    ranked.telephone,
    ranked.contact_public,
    ranked.zone_diffusion_type,
    ranked.zone_diffusion_code,
    ranked.zone_diffusion_nom,
    ranked.temps_passe_semaines,
    ranked.temps_passe_duree_hebdomadaire,
    ranked.recurrence,
    ranked.publics_precisions,
    ranked.lien_source,
    ranked.date_maj,
    ranked.source,
    ranked.adresse,
    ranked.complement_adresse,
    ranked.code_postal,
    ranked.code_insee,
    ranked.commune,
    ranked.latitude,
    ranked.longitude
from ranked
where ranked.copy_number = 1

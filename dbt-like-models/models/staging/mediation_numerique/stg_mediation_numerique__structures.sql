-- Places of the Cartographie nationale des lieux de médiation numérique, one
-- row per object of structures.json, typed and cleaned, minus the places that
-- other sources already publish. Mediators are in stg_mediation_numerique__mediateurs.
with

typed as (
    select
        {{ source_header() }},
        -- place ids are often prefixed or UUIDs; kept exactly as sent
        data ->> 'id' as id,
        {{ text('nom') }} as nom,
        -- SIRET or RNA of the place; the SIRET rule is applied in intermediate
        {{ text('pivot') }} as pivot,
        -- upstream reads an array, ANCT's published view builds one string
        -- joined with |: both shapes become one array of trimmed addresses
        (
            select array_agg(btrim(item.value, E' \t\r\n') order by item.position)
            from jsonb_array_elements_text(
                case jsonb_typeof(data -> 'courriels')
                    when 'array' then data -> 'courriels'
                    when 'string' then to_jsonb(string_to_array(data ->> 'courriels', '|'))
                end
            ) with ordinality as item (value, position)
            where btrim(item.value, E' \t\r\n') <> ''
        ) as courriels,
        {{ text('telephone') }} as telephone,
        -- the national standard allows several URLs joined with |; kept as sent
        {{ text('site_web') }} as site_web,
        {{ text('horaires') }} as horaires,
        {{ text('presentation_resume') }} as presentation_resume,
        {{ text('presentation_detail') }} as presentation_detail,
        -- a date-time without offset, or an empty string; the date is taken as
        -- written and an impossible date becomes NULL
        {{ date('date_maj') }} as date_maj,
        -- empty strings occur; .double() in silent mode turns them into NULL
        {{ number('latitude') }} as latitude,
        {{ number('longitude') }} as longitude,
        {{ text('{adresse,numero_voie}') }} as adresse_numero_voie,
        {{ text('{adresse,repetition}') }} as adresse_repetition,
        {{ text('{adresse,nom_voie}') }} as adresse_nom_voie,
        {{ text('{adresse,code_postal}') }} as code_postal,
        {{ text('{adresse,code_insee}') }} as code_insee,
        {{ text('{adresse,commune}') }} as commune,
        {{ text('prise_rdv') }} as prise_rdv,
        {{ text('source') }} as source,
        {{ text_array('services') }} as services,
        {{ text_array('frais_a_charge') }} as frais_a_charge,
        {{ text_array('modalites_acces') }} as modalites_acces,
        {{ text_array('modalites_accompagnement') }} as modalites_accompagnement,
        {{ text_array('publics_specifiquement_adresses') }} as publics_specifiquement_adresses,
        {{ text_array('prise_en_charge_specifique') }} as prise_en_charge_specifique,
        {{ text_array('dispositif_programmes_nationaux') }} as dispositif_programmes_nationaux
    from {{ source('mediation-numerique', 'structures') }}
)

select typed.*
from typed
-- Places declared through DORA, Fredo or Soliguide are loaded from those
-- sources directly; keeping them here would publish each place twice.
-- A place whose `source` is NULL has no such twin, so it is KEPT: upstream
-- drops it only as a side effect of `source not in (...)` being NULL for a
-- NULL source, not as a rule (sources/mediation-numerique.md §4).
-- The comparison ignores case so that "Dora" or "DORA" are excluded too.
where typed.source is null
    or lower(typed.source) not in ('dora', 'fredo', 'soliguide')

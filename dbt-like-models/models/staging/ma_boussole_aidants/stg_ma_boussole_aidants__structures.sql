-- Ma Boussole Aidants structures (CCAS, MDA, MDS pages concatenated in
-- structures.json), one row per structure, typed and cleaned but still in the
-- API's own fields. The nested services are staged by
-- stg_ma_boussole_aidants__structures__services.
with

raw_structures as (
    select {{ source_header() }}, data
    from {{ source('ma-boussole-aidants', 'structures') }}
),

typed as (
    select
        {{ source_header('raw_structures') }},
        {{ text('idStructure') }} as id,
        {{ text('nomStructure') }} as nom,
        nullif(btrim(raw_structures.data -> 'typeStructure' ->> 'idTypeStructure', E' \t\r\n'), '') as id_type_structure,
        nullif(btrim(raw_structures.data -> 'typeStructure' ->> 'descriptionTypeStructure', E' \t\r\n'), '') as description_type_structure,
        nullif(btrim(raw_structures.data -> 'structureMere' ->> 'siret', E' \t\r\n'), '') as siret,
        nullif(btrim(raw_structures.data -> 'adresse' ->> 'ligneAdresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_structures.data -> 'adresse' ->> 'codePostal', E' \t\r\n'), '') as code_postal,
        -- JSON numbers upstream; a numeric string is accepted too, anything
        -- else is NULL instead of an error that would stop the model
        {{ number('adresse.latitude') }} as latitude,
        {{ number('adresse.longitude') }} as longitude,
        -- "69383 - Lyon 3e Arrondissement": the first INSEE-shaped token
        -- (digit, digit or letter, three digits) is the code
        substring(raw_structures.data -> 'ville' ->> 'codeCommune' from '\d[0-9A-Za-z]\d{3}') as code_commune,
        nullif(btrim(raw_structures.data -> 'ville' ->> 'nomVille', E' \t\r\n'), '') as nom_ville,
        -- only a real département code (35, 2A, 974) is kept: "Inconnu" is not
        upper(
            substring(
                btrim(raw_structures.data -> 'departement' ->> 'codeDepartement', E' \t\r\n')
                from '^(\d{2}|2[AaBb]|97\d)$'
            )
        ) as code_departement,
        {{ text('email') }} as courriel,
        {{ text('telephone1') }} as telephone,
        {{ text('siteWeb') }} as site_web,
        -- the API capitalises it ("Départemental"); compared lower-cased
        lower(nullif(btrim(raw_structures.data -> 'rayonAction' ->> 'nomRayonAction', E' \t\r\n'), '')) as rayon_action,
        {{ number('ageMin') }} as age_min,
        {{ number('ageMax') }} as age_max,
        -- the calendar date written at the start of the date or date-time
        -- (producer's local date); an impossible date becomes NULL
        {{ date('lastModifiedDate') }} as date_maj,
        -- carer situations: integer codes, kept as text like every seed key
        (
            select array_agg(distinct situation.code order by situation.code)
            from jsonb_array_elements(
                case jsonb_typeof(raw_structures.data -> 'situations')
                    when 'array' then raw_structures.data -> 'situations'
                end
            ) as item (value)
            cross join lateral (
                select {{ text('idSituation', 'item.value') }} as code
            ) as situation
            where situation.code is not null
        ) as situations
    from raw_structures
)

-- the three type listings are paged separately; a structure met twice
-- keeps its first copy
select distinct on (typed.id)
    {{ source_header('typed') }},
    typed.id,
    typed.nom,
    typed.id_type_structure,
    typed.description_type_structure,
    typed.siret,
    typed.adresse,
    typed.code_postal,
    typed.latitude,
    typed.longitude,
    typed.code_commune,
    typed.nom_ville,
    typed.code_departement,
    typed.courriel,
    typed.telephone,
    typed.site_web,
    typed.rayon_action,
    -- Upstream nulls ageMax = 0 and ageMin = 120, which looks swapped:
    -- 0 and 120 are the API's "no bound" sentinels. Here either sentinel
    -- means no bound on either side, and a non-integer or out-of-range
    -- age is NULL too (sources/ma-boussole-aidants.md §3).
    case
        when typed.age_min > 0 and typed.age_min < 120 and typed.age_min = trunc(typed.age_min)
            then typed.age_min::integer
    end as age_min,
    case
        when typed.age_max > 0 and typed.age_max < 120 and typed.age_max = trunc(typed.age_max)
            then typed.age_max::integer
    end as age_max,
    typed.date_maj,
    typed.situations
from typed
where typed.id is not null
order by typed.id, typed.record_number

-- Ma Boussole Aidants structures (CCAS, MDA, MDS pages concatenated in
-- structures.json), one row per structure, typed and cleaned but still in the
-- API's own fields. The nested services are staged by
-- stg_ma_boussole_aidants__structures__services.
with

raw_structures as (
    select
        raw_records.run_id as run_id,
        raw_records.record_number as record_number,
        raw_records.data as data
    from {{ source('ma-boussole-aidants', 'structures') }} as raw_records
),

typed as (
    select
        raw_structures.run_id as run_id,
        raw_structures.record_number as record_number,
        nullif(btrim(raw_structures.data ->> 'idStructure', E' \t\r\n'), '') as id,
        nullif(btrim(raw_structures.data ->> 'nomStructure', E' \t\r\n'), '') as nom,
        nullif(btrim(raw_structures.data -> 'typeStructure' ->> 'idTypeStructure', E' \t\r\n'), '') as id_type_structure,
        nullif(btrim(raw_structures.data -> 'typeStructure' ->> 'descriptionTypeStructure', E' \t\r\n'), '') as description_type_structure,
        nullif(btrim(raw_structures.data -> 'structureMere' ->> 'siret', E' \t\r\n'), '') as siret,
        nullif(btrim(raw_structures.data -> 'adresse' ->> 'ligneAdresse', E' \t\r\n'), '') as adresse,
        nullif(btrim(raw_structures.data -> 'adresse' ->> 'codePostal', E' \t\r\n'), '') as code_postal,
        -- JSON numbers upstream; a numeric string is accepted too, anything
        -- else is NULL instead of an error that would stop the model
        jsonb_path_query_first(raw_structures.data, '$.adresse.latitude.double()', '{}', true)::double precision as latitude,
        jsonb_path_query_first(raw_structures.data, '$.adresse.longitude.double()', '{}', true)::double precision as longitude,
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
        nullif(btrim(raw_structures.data ->> 'email', E' \t\r\n'), '') as courriel,
        nullif(btrim(raw_structures.data ->> 'telephone1', E' \t\r\n'), '') as telephone,
        nullif(btrim(raw_structures.data ->> 'siteWeb', E' \t\r\n'), '') as site_web,
        -- the API capitalises it ("Départemental"); compared lower-cased
        lower(nullif(btrim(raw_structures.data -> 'rayonAction' ->> 'nomRayonAction', E' \t\r\n'), '')) as rayon_action,
        jsonb_path_query_first(raw_structures.data, '$.ageMin.double()', '{}', true)::double precision as age_min,
        jsonb_path_query_first(raw_structures.data, '$.ageMax.double()', '{}', true)::double precision as age_max,
        -- the calendar date written at the start of the date or date-time
        -- (producer's local date); an impossible date becomes NULL
        case
            when btrim(raw_structures.data ->> 'lastModifiedDate') ~ '^\d{4}-\d{2}-\d{2}'
                then (
                    jsonb_path_query_first(
                        to_jsonb(left(btrim(raw_structures.data ->> 'lastModifiedDate'), 10)),
                        '$.datetime("YYYY-MM-DD")', '{}', true
                    ) #>> '{}'
                )::date
        end as date_maj,
        -- carer situations: integer codes, kept as text like every seed key
        (
            select array_agg(distinct situation.code order by situation.code)
            from jsonb_array_elements(
                case jsonb_typeof(raw_structures.data -> 'situations')
                    when 'array' then raw_structures.data -> 'situations'
                end
            ) as item (value)
            cross join lateral (
                select nullif(btrim(item.value ->> 'idSituation', E' \t\r\n'), '') as code
            ) as situation
            where situation.code is not null
        ) as situations
    from raw_structures as raw_structures
),

final as (
    -- the three type listings are paged separately; a structure met twice
    -- keeps its first copy
    select distinct on (typed.id)
        typed.run_id as run_id,
        typed.record_number as record_number,
        typed.id as id,
        typed.nom as nom,
        typed.id_type_structure as id_type_structure,
        typed.description_type_structure as description_type_structure,
        typed.siret as siret,
        typed.adresse as adresse,
        typed.code_postal as code_postal,
        typed.latitude as latitude,
        typed.longitude as longitude,
        typed.code_commune as code_commune,
        typed.nom_ville as nom_ville,
        typed.code_departement as code_departement,
        typed.courriel as courriel,
        typed.telephone as telephone,
        typed.site_web as site_web,
        typed.rayon_action as rayon_action,
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
        typed.date_maj as date_maj,
        typed.situations as situations
    from typed as typed
    where typed.id is not null
    order by typed.id, typed.record_number
)

select * from final

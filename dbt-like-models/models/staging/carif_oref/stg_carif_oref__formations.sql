-- Carif-Oref formations (one raw record per /lheo/offres/formation of
-- formations.xml), typed and cleaned, restricted to the formations that have at
-- least one FORMACODE of the selected domains (seed map_carif_oref__formacodes,
-- sources/carif-oref.md §4.1). Their actions are in stg_carif_oref__actions.
with

raw_formations as (
    select {{ source_header() }}, data
    from {{ source('carif-oref', 'formations') }}
),

typed as (
    select
        {{ source_header('raw_formations') }},
        {{ text('@numero') }} as numero,
        -- LHEO dates are YYYYMMDD; 00000000 (unknown) and impossible dates are NULL
        -- (jsonpath would read year 0000 as 1 BC)
        case
            when btrim(raw_formations.data ->> '@datemaj') ~ '^\d{8}$'
                and left(btrim(raw_formations.data ->> '@datemaj'), 4) <> '0000'
                then {{ parse_date('btrim(raw_formations.data ->> ''@datemaj'')', 'YYYYMMDD') }}
        end as date_maj,
        {{ text('intitule-formation') }} as intitule,
        {{ text('objectif-formation') }} as objectif_html,
        {{ text('contenu-formation') }} as contenu_html,
        -- a code is {"@ref": "V14", "$": "15235"}, or its bare text when the
        -- producer omits @ref; lax mode also accepts a single element
        (
            select array_agg(code.value order by code.position)
            from (
                select
                    nullif(
                        btrim(
                            case jsonb_typeof(item.value)
                                when 'object' then item.value ->> '$'
                                else item.value #>> '{}'
                            end,
                            E' \t\r\n'
                        ),
                        ''
                    ) as value,
                    item.position
                from jsonb_path_query(
                    raw_formations.data, 'lax $."domaine-formation"."code-FORMACODE"[*]'
                ) with ordinality as item (value, position)
            ) as code
            where code.value is not null
        ) as formacodes,
        (
            select url.value
            from jsonb_path_query(
                raw_formations.data, 'lax $."url-formation".urlweb[*]'
            ) with ordinality as item (value, position)
            cross join lateral (select {{ text('{}', 'item.value') }} as value) as url
            where url.value is not null
            order by item.position
            limit 1
        ) as url_formation,
        {{ text('code-niveau-entree') }} as code_niveau_entree,
        {{ text('code-niveau-sortie') }} as code_niveau_sortie
    from raw_formations
),

-- §4.1: only formations in one of the selected FORMACODE domains; a numero
-- repeated in the file keeps its first formation
kept as (
    select distinct on (typed.numero) typed.*
    from typed
    where typed.numero is not null
        and exists (
            select 1
            from {{ ref('map_carif_oref__formacodes') }} as formacodes
            where formacodes.raw = any(typed.formacodes)
        )
    order by typed.numero, typed.record_number
),

-- HTML to Markdown (markdown_from_html, sql/functions/text/markdown_from_html.sql, says what is converted)
converted as (
    select
        kept.record_number,
        (
            select array_agg(
                markdown_from_html(item.value)
                order by item.position
            )
            from unnest(array[kept.objectif_html, kept.contenu_html]) with ordinality as item (value, position)
        ) as markdown
    from kept
)

select
    {{ source_header('kept') }},
    kept.numero,
    kept.date_maj,
    -- a title ending with dots would end the service name with a dot
    nullif(rtrim(regexp_replace(kept.intitule, '\.+$', ''), E' \t\r\n'), '') as intitule,
    -- the producer writes "Non renseigné" for a missing objective
    case
        when lower(unaccent(converted.markdown[1])) <> 'non renseigne' then nullif(converted.markdown[1], '')
    end as objectif,
    nullif(converted.markdown[2], '') as contenu,
    kept.formacodes,
    kept.url_formation,
    kept.code_niveau_entree,
    kept.code_niveau_sortie
from kept
inner join converted
    on converted.record_number = kept.record_number

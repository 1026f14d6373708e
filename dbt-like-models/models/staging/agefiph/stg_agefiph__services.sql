-- AGEFIPH solutions (services.json, JSON:API resources of type
-- node--solution), one row per kept solution, typed and cleaned, still in
-- the Drupal field names. Dropped here (sources/agefiph.md §4): solutions run
-- by a partner and solutions tagged with one of the two thematiques aimed at
-- training bodies and employers' staff. The HTML detail becomes Markdown.
with

typed as (
    select
        {{ source_header() }},
        {{ text('id') }} as id,
        {{ text('{attributes,title}') }} as title,
        -- the date as written (the API's offset is +00:00), whatever the
        -- session time zone; an impossible date is NULL
        {{ date('{attributes,changed}') }} as changed,
        {{ text('{attributes,path,alias}') }} as path_alias,
        -- the link to apply: "route:<nolink>" is Drupal's "no link", and
        -- "internal:" paths are relative to the AGEFIPH site
        case
            when btrim(data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n') in ('', 'route:<nolink>')
                then null
            when btrim(data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n') like 'internal:%'
                then 'https://www.agefiph.fr'
                    || substring(btrim(data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n') from 10)
            else btrim(data #>> '{attributes,field_lien_aide,uri}', E' \t\r\n')
        end as lien_aide,
        {{ text('{attributes,field_solution_detail,value}') }} as detail,
        {{ text('{attributes,field_montant_aide}') }} as montant_aide,
        case
            when lower(btrim(data #>> '{attributes,field_solution_partenaire}')) in ('true', 'false')
                then lower(btrim(data #>> '{attributes,field_solution_partenaire}'))::boolean
        end as solution_partenaire,
        -- JSON:API to-one relationships: {"data": {"type", "id"}} or {"data": null}
        {{ text('{relationships,field_profil_associe,data,id}') }} as profil_associe_id,
        {{ text('{relationships,field_type_de_solution,data,id}') }} as type_de_solution_id,
        -- to-many relationship: {"data": [{"type", "id"}, …]}
        (
            select array_agg(btrim(item.value ->> 'id', E' \t\r\n') order by item.position)
            from jsonb_array_elements(
                case jsonb_typeof(data #> '{relationships,field_thematique,data}')
                    when 'array' then data #> '{relationships,field_thematique,data}'
                    when 'object' then jsonb_build_array(data #> '{relationships,field_thematique,data}')
                end
            ) with ordinality as item (value, position)
            where btrim(item.value ->> 'id', E' \t\r\n') <> ''
        ) as thematique_ids
    from {{ source('agefiph', 'services') }}
),

solutions as (
    select typed.*
    from typed
    -- a partner's solution is the partner's offer, not AGEFIPH's; a missing
    -- flag is read as "not a partner" (upstream's `not` drops it by accident)
    where typed.solution_partenaire is not true
        -- "Développer l'accessibilité de vos formations" and "Se former et
        -- sensibiliser ses collaborateurs au handicap" address organisations
        and not coalesce(
            typed.thematique_ids && array[
                '4e08047f-b0ed-431a-9182-61e8e61b1486',
                '70bb7d35-ce81-46cc-b17b-01155a70c05c'
            ],
            false
        )
)

select
    {{ source_header() }},
    solutions.id,
    solutions.title,
    solutions.changed,
    solutions.path_alias,
    solutions.lien_aide,
    -- the solution text is HTML (markdown_from_html says what is converted)
    markdown_from_html(solutions.detail) as detail,
    solutions.montant_aide,
    solutions.solution_partenaire,
    solutions.profil_associe_id,
    solutions.type_de_solution_id,
    solutions.thematique_ids
from solutions

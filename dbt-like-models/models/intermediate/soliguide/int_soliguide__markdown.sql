-- Soliguide's HTML texts converted to Markdown (sources/soliguide.md §3),
-- one row per non-empty text: place and service descriptions and "other
-- conditions", converted once here (markdown_from_html, sql/functions/text/markdown_from_html.sql,
-- says what the conversion covers) and joined by the structures and services
-- mappings.
with

html_texts as (
    select 'lieu' as kind, lieux.lieu_id as id, 'description' as field, lieux.description as html
    from {{ ref('stg_soliguide__lieux') }} as lieux
    where lieux.description is not null
    union all
    select 'lieu' as kind, lieux.lieu_id as id, 'modalities_other' as field, lieux.modalities_other as html
    from {{ ref('stg_soliguide__lieux') }} as lieux
    where lieux.modalities_other is not null
    union all
    select 'service' as kind, services.service_id as id, 'description' as field, services.description as html
    from {{ ref('stg_soliguide__services') }} as services
    where services.description is not null
    union all
    select 'service' as kind, services.service_id as id, 'modalities_other' as field, services.modalities_other as html
    from {{ ref('stg_soliguide__services') }} as services
    where services.modalities_other is not null
)

select
    html_texts.kind,
    html_texts.id,
    html_texts.field,
    markdown_from_html(html_texts.html) as markdown
from html_texts

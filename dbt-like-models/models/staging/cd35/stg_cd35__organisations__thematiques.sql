-- One row per item of an organisation's THEMATIQUE list, with the known
-- CD35 theme label it stands for. The layer's labels are typed by hand, so an
-- item is matched fuzzily (pg_trgm similarity > 0.5, as upstream) to the
-- labels of seed map_cd35__thematiques; the closest label wins. An item close
-- to no label keeps a NULL label (listed by int_cd35__unknown_values).
with

items as (
    select
        organisations.id as organisation_id,
        organisations.record_number,
        item.value as raw_value,
        item.position
    from {{ ref('stg_cd35__organisations') }} as organisations
    cross join lateral unnest(organisations.thematiques) with ordinality as item (value, position)
)

select
    items.organisation_id,
    items.record_number,
    items.position,
    items.raw_value,
    best_label.raw as label,
    best_label.slug,
    best_label.similarity
from items
left join lateral (
    select
        known_labels.raw,
        known_labels.slug,
        similarity(items.raw_value, known_labels.raw) as similarity
    from {{ ref('map_cd35__thematiques') }} as known_labels
    where similarity(items.raw_value, known_labels.raw) > 0.5
    -- C collation: the same tie-break on every server
    order by similarity(items.raw_value, known_labels.raw) desc, known_labels.raw collate "C"
    limit 1
) as best_label on true

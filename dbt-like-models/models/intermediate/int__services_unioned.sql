-- Every source's services in the v1 model, as the per-source models give
-- them: the input of the final layer (int__services_v1) and of the address
-- enrichment (intermediate/enrichment). A table, because three models read it.
-- Columns are matched by name, so a column added to one source's model
-- cannot shift the others; a source without the column gives NULL.
{{ union_by_name(['int_{source}__services_v1']) }}

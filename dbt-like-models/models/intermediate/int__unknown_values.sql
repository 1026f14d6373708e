-- Raw values found in the current data that no mapping seed knows. A value
-- listed in a seed with an empty v1 cell is known and deliberately maps to
-- nothing; a value missing from the seed would silently map to nothing, so it
-- is listed here until someone adds it to the seed (mapped or not).
with

-- the columns whose YAML declares a mapped_by_seed test: the seed (or, for
-- fields a source already sends in v1, the v1 vocabulary) is the reference
declared as (
    select * from {{ unknown_values() }} as unknown
),

-- the sources whose values are read in ways a seed lookup cannot say
-- (split lists, normalized spellings, lookups in other models) list their
-- own unknown values next to their mappings (int_<source>__unknown_values)
per_source as (
    {{ union_by_name(['int_{source}__unknown_values']) }}
)

select declared.source, declared.field, declared.raw_value, declared.rows
from declared
union all
select per_source.source, per_source.field, per_source.raw_value, per_source.rows::bigint
from per_source

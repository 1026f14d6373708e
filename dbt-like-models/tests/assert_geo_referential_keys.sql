-- The keys the address matching relies on: one ref.communes row per
-- (code_insee, type), one communes_codes_postaux row per (postal code,
-- code), and a current commune that is a commune (COM). Failing rows: the
-- key and what is wrong with it.
with

communes as (
    select * from {{ ref('communes') }}
),

communes_codes_postaux as (
    select * from {{ ref('communes_codes_postaux') }}
),

problems as (
    select communes.code_insee || ' ' || communes.type as key, 'duplicate (code_insee, type) in communes' as problem
    from communes as communes
    group by communes.code_insee, communes.type
    having count(*) > 1
    union all
    select codes.code_postal || ' ' || codes.code_insee, 'duplicate (code_postal, code_insee) in communes_codes_postaux'
    from communes_codes_postaux as codes
    group by codes.code_postal, codes.code_insee
    having count(*) > 1
    union all
    select communes.code_insee || ' ' || communes.type, 'current commune ' || communes.code_commune_courante || ' is not a COM'
    from communes as communes
    where not exists (
        select 1
        from communes as current_communes
        where current_communes.code_insee = communes.code_commune_courante
            and current_communes.type = 'COM'
    )
)

select * from problems

-- Addresses the commune resolution of int__addresses_enriched
-- (commune_resolution(), sql/migrations/0009) must get right: arrondissement
-- postal codes, case and accents, Saint/St, a commune déléguée, a misspelling,
-- a CEDEX code, producer codes to replace or pad, homonyms. The function reads
-- {{ ref('communes') }} and {{ ref('communes_codes_postaux') }}.
-- Failing rows: the case, what was expected and what came out.
with

cases (label, code_insee, code_postal, commune, expected_code_insee, expected_origin) as (
    values
        ('Paris by an arrondissement postal code', null, '75011', 'Paris', '75056', 'postal_code_and_name'),
        ('Lyon in capitals', null, '69003', 'LYON', '69123', 'postal_code_and_name'),
        ('Marseille in lower case', null, '13001', 'marseille', '13055', 'postal_code_and_name'),
        ('an arrondissement by its name', null, '75011', 'PARIS 11E ARRONDISSEMENT', '75056', 'postal_code_and_name'),
        ('Saint spelt out, no accent', null, '42000', 'Saint Etienne', '42218', 'postal_code_and_name'),
        ('St abbreviated, hyphen and accent', null, '42000', 'St-Étienne', '42218', 'postal_code_and_name'),
        ('a commune déléguée gives its commune', null, '01350', 'Béon', '01138', 'postal_code_and_name'),
        ('a misspelt name', null, '59190', 'Hazebrouk', '59295', 'postal_code_and_name'),
        ('a postal code of one commune, a name of none', null, '35000', 'Lieu-dit inconnu', '35238', 'postal_code_only'),
        ('a CEDEX code and a name unique in France', null, '35043', 'RENNES CEDEX 9', '35238', 'name_only'),
        ('a name unique in France, no postal code', null, null, 'Hazebrouck', '59295', 'name_only'),
        ('a unique name outside the postal code''s département', null, '99999', 'Hazebrouck', null, 'none'),
        ('homonyms without postal code', null, null, 'Saint-Denis', null, 'none'),
        ('an arrondissement code gives its commune', '69383', null, null, '69123', 'source'),
        ('a commune déléguée code gives its commune', '01039', null, null, '01138', 'source'),
        ('a code that lost its leading zero', '1001', null, null, '01001', 'source'),
        ('a Corsican code in lower case', '2a004', null, null, '2A004', 'source'),
        ('an unknown code gives way to the address', '99999', '42000', 'Saint-Étienne', '42218', 'postal_code_and_name'),
        ('nothing to go on', null, null, null, null, 'none')
),

-- all cases in one call, as int__addresses_enriched resolves a whole table
numbered_cases as (
    select row_number() over (order by cases.label) as ordinal, cases.*
    from cases as cases
),

resolutions as (
    select resolution.*
    from (
        select
            array_agg(numbered_cases.code_insee::text order by numbered_cases.ordinal) as codes_insee,
            array_agg(numbered_cases.code_postal::text order by numbered_cases.ordinal) as codes_postaux,
            array_agg(numbered_cases.commune::text order by numbered_cases.ordinal) as communes
        from numbered_cases as numbered_cases
    ) as lists
    cross join lateral commune_resolution(lists.codes_insee, lists.codes_postaux, lists.communes) as resolution
),

resolved as (
    select
        numbered_cases.label as label,
        numbered_cases.expected_code_insee as expected_code_insee,
        numbered_cases.expected_origin as expected_origin,
        resolutions.code_insee as code_insee,
        resolutions.origin as origin,
        resolutions.latitude as latitude
    from numbered_cases as numbered_cases
    left join resolutions as resolutions
        on resolutions.ordinal = numbered_cases.ordinal
),

-- the one-address form gives the same answer
single_form as (
    select
        'commune_code_from(' || coalesce(probes.code_postal, 'null') || ', ' || probes.commune || ')' as label,
        probes.expected_code_insee as expected_code_insee,
        commune_code_from(probes.code_postal, probes.commune) as code_insee
    from (
        values
            ('75011', 'Paris', '75056'),
            ('59190', 'Hazebrouk', '59295'),
            (null, 'Saint-Denis', null)
    ) as probes (code_postal, commune, expected_code_insee)
)

select resolved.label, resolved.expected_code_insee, resolved.code_insee, resolved.expected_origin, resolved.origin
from resolved as resolved
where resolved.code_insee is distinct from resolved.expected_code_insee
    or resolved.origin is distinct from resolved.expected_origin
    -- a resolved commune always comes with its point
    or (resolved.code_insee is not null and resolved.latitude is null)
union all
select single_form.label, single_form.expected_code_insee, single_form.code_insee, null, null
from single_form as single_form
where single_form.code_insee is distinct from single_form.expected_code_insee

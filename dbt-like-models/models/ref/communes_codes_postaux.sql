-- One row per (postal code, commune or arrondissement) as La Poste lists
-- them, with the current commune: 75011 is the 11th arrondissement
-- (75111), of Paris (75056). Communes déléguées and associées have no
-- postal code of their own in the referential.
with

final as (
    select distinct
        code_postal.value as code_postal,
        communes.code_insee,
        communes.type,
        communes.code_commune_courante
    from {{ ref('communes') }} as communes
    cross join lateral unnest(communes.codes_postaux) as code_postal (value)
    where code_postal.value <> ''
)

select * from final
order by final.code_postal, final.code_insee

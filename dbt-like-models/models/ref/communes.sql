-- Every commune (COM), municipal arrondissement (ARM, Paris, Lyon and
-- Marseille), commune déléguée (COMD) and associée (COMA) of the INSEE COG,
-- with what address matching needs: the name as commune_name_normalized()
-- reduces it, the postal codes as a list and the current commune each row
-- belongs to. A commune déléguée chef-lieu shares its code with its commune,
-- so a row is identified by (code_insee, type).
with

final as (
    select
        communes.code_insee,
        communes.type,
        communes.nom,
        commune_name_normalized(communes.nom) as nom_normalise,
        communes.code_departement,
        communes.code_region,
        -- arrondissements and communes déléguées or associées belong to the
        -- EPCI of their commune
        coalesce(communes.code_epci, parents.code_epci) as code_epci,
        communes.code_commune_parent,
        string_to_array(communes.codes_postaux, '|') as codes_postaux,
        communes.latitude::double precision as latitude,
        communes.longitude::double precision as longitude,
        case
            when communes.type = 'COM' then communes.code_insee
            else communes.code_commune_parent
        end as code_commune_courante
    from {{ ref('ref_communes') }} as communes
    left join {{ ref('ref_communes') }} as parents
        on parents.code_insee = communes.code_commune_parent
        and parents.type = 'COM'
)

select * from final
order by final.code_insee, final.type

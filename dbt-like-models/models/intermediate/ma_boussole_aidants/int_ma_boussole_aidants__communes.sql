-- The commune of each Ma Boussole Aidants structure, resolved against the
-- official commune list (seed ref_communes) as upstream does: a commune
-- first, then a commune associée or déléguée, then a municipal arrondissement
-- (Paris, Lyon, Marseille). Its département, région and EPCI feed the
-- service's zone_eligibilite. One row per structure whose code is known.
select distinct on (structures.id)
    structures.id as structure_id,
    communes.code_insee,
    communes.nom as commune,
    communes.type as type_commune,
    communes.code_departement,
    communes.code_region,
    -- arrondissements and communes déléguées have no EPCI of their own:
    -- their parent commune's is theirs
    coalesce(communes.code_epci, parent_communes.code_epci) as code_epci
from {{ ref('stg_ma_boussole_aidants__structures') }} as structures
inner join {{ ref('ref_communes') }} as communes
    on communes.code_insee = structures.code_commune
left join {{ ref('ref_communes') }} as parent_communes
    on parent_communes.code_insee = communes.code_commune_parent
    and parent_communes.type = 'COM'
order by
    structures.id,
    case communes.type
        when 'COM' then 1
        when 'COMA' then 2
        when 'COMD' then 2
        else 3
    end

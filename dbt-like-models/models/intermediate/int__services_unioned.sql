-- Every source's services in the v1 model, as the per-source models give
-- them: the input of the final layer (int__services_v1) and of the address
-- enrichment (intermediate/enrichment). A table, because three models read it.
select * from {{ ref('int_dora__services_v1') }}
union all
select * from {{ ref('int_mediation_numerique__services_v1') }}
union all
select * from {{ ref('int_france_travail__services_v1') }}
union all
select * from {{ ref('int_action_logement__services_v1') }}
union all
select * from {{ ref('int_mes_aides__services_v1') }}
union all
select * from {{ ref('int_carif_oref__services_v1') }}
union all
select * from {{ ref('int_finess__services_v1') }}
union all
select * from {{ ref('int_reseau_alpha__services_v1') }}
union all
select * from {{ ref('int_soliguide__services_v1') }}
union all
select * from {{ ref('int_agefiph__services_v1') }}
union all
select * from {{ ref('int_fredo__services_v1') }}
union all
select * from {{ ref('int_cd35__services_v1') }}
union all
select * from {{ ref('int_ma_boussole_aidants__services_v1') }}
union all
select * from {{ ref('int_monenfant__services_v1') }}

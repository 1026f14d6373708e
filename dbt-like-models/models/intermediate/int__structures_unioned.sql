-- Every source's structures in the v1 model, as the per-source models give
-- them: the input of the final layer (int__structures_v1) and of the address
-- enrichment (intermediate/enrichment). A table, because three models read it.
select * from {{ ref('int_dora__structures_v1') }}
union all
select * from {{ ref('int_emplois_de_linclusion__structures_v1') }}
union all
select * from {{ ref('int_mediation_numerique__structures_v1') }}
union all
select * from {{ ref('int_france_travail__structures_v1') }}
union all
select * from {{ ref('int_action_logement__structures_v1') }}
union all
select * from {{ ref('int_mes_aides__structures_v1') }}
union all
select * from {{ ref('int_carif_oref__structures_v1') }}
union all
select * from {{ ref('int_finess__structures_v1') }}
union all
select * from {{ ref('int_reseau_alpha__structures_v1') }}
union all
select * from {{ ref('int_soliguide__structures_v1') }}
union all
select * from {{ ref('int_agefiph__structures_v1') }}
union all
select * from {{ ref('int_fredo__structures_v1') }}
union all
select * from {{ ref('int_cd35__structures_v1') }}
union all
select * from {{ ref('int_ma_boussole_aidants__structures_v1') }}
union all
select * from {{ ref('int_monenfant__structures_v1') }}

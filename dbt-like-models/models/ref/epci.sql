-- The EPCI (intercommunal bodies) as the referential's communes give them:
-- SIREN, member communes and the départements they span. The referential
-- has no EPCI names.
with

member_communes as (
    select
        communes.code_epci,
        communes.code_insee,
        communes.code_departement
    from {{ ref('communes') }} as communes
    where communes.type = 'COM'
        and communes.code_epci is not null
),

epci_departements as (
    select
        departements.code_epci,
        array_agg(departements.code_departement order by departements.code_departement collate "C") as departements
    from (select distinct code_epci, code_departement from member_communes) as departements
    group by departements.code_epci
),

final as (
    select
        member_communes.code_epci,
        array_agg(member_communes.code_insee order by member_communes.code_insee collate "C") as communes,
        epci_departements.departements
    from member_communes
    inner join epci_departements
        on epci_departements.code_epci = member_communes.code_epci
    group by member_communes.code_epci, epci_departements.departements
)

select * from final
order by final.code_epci

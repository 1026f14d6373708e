-- Coverage of the published data: what is offered where (docs/reporting.md).
-- Made by ops.create_reporting_views() (marts_views.sql) after every
-- publication. A service counts where it is delivered (its address'
-- commune and département), not where its eligibility zone reaches.
create or replace function ops.create_coverage_views() returns void
language plpgsql
as $$
begin
    perform ops.replace_reporting_view('coverage_per_territory', $body$
    with structure_counts as (
        select source, code_departement, count(*) as structures, count(*) filter (where _is_valid) as valid_structures
        from marts.structures group by source, code_departement
    ),
    service_counts as (
        select source, code_departement, count(*) as services, count(*) filter (where _is_valid) as valid_services
        from marts.services group by source, code_departement
    )
    select
        coalesce(structure_counts.source, service_counts.source) as source,
        coalesce(structure_counts.code_departement, service_counts.code_departement) as code_departement,
        departements.nom as departement,
        departements.code_region,
        regions.nom as region,
        coalesce(structure_counts.structures, 0) as structures,
        coalesce(structure_counts.valid_structures, 0) as valid_structures,
        coalesce(service_counts.services, 0) as services,
        coalesce(service_counts.valid_services, 0) as valid_services
    from structure_counts
    full join service_counts
        on service_counts.source = structure_counts.source
        and service_counts.code_departement is not distinct from structure_counts.code_departement
    left join seeds.ref_departements as departements
        on departements.code = coalesce(structure_counts.code_departement, service_counts.code_departement)
    left join seeds.ref_regions as regions on regions.code = departements.code_region
    $body$);
    comment on view reporting.coverage_per_territory is 'Published structures and services per source and département (with its région): one row per source and département where it has any; code_departement null for records with no commune found.';
    comment on column reporting.coverage_per_territory.source is 'The source slug.';
    comment on column reporting.coverage_per_territory.code_departement is 'Département of the address (null when no commune was found).';
    comment on column reporting.coverage_per_territory.departement is 'Its name.';
    comment on column reporting.coverage_per_territory.code_region is 'Its région.';
    comment on column reporting.coverage_per_territory.region is 'The région''s name.';
    comment on column reporting.coverage_per_territory.structures is 'Published structures (valid or not).';
    comment on column reporting.coverage_per_territory.valid_structures is 'Of them, the valid ones (_is_valid).';
    comment on column reporting.coverage_per_territory.services is 'Published services (valid or not).';
    comment on column reporting.coverage_per_territory.valid_services is 'Of them, the valid ones, those the API serves.';

    perform ops.replace_reporting_view('services_per_thematique', $body$
    select
        vocabulary.value as thematique,
        vocabulary.categorie,
        vocabulary.label,
        count(services.id) as services,
        count(services.id) filter (where services._is_valid) as valid_services,
        count(distinct services.structure_id) as structures,
        count(distinct services.source) as sources
    from seeds.v1_thematiques as vocabulary
    left join marts.services_thematiques as given on given.thematique = vocabulary.value
    left join marts.services as services on services.id = given.service_id
    group by vocabulary.value, vocabulary.categorie, vocabulary.label
    $body$);
    comment on view reporting.services_per_thematique is 'One row per v1 thematique (every one, with 0 when no service has it): the services that have it.';
    comment on column reporting.services_per_thematique.thematique is 'The thematique (v1 value).';
    comment on column reporting.services_per_thematique.categorie is 'Its category.';
    comment on column reporting.services_per_thematique.label is 'Its label.';
    comment on column reporting.services_per_thematique.services is 'Published services with it (valid or not).';
    comment on column reporting.services_per_thematique.valid_services is 'Of them, the valid ones.';
    comment on column reporting.services_per_thematique.structures is 'Distinct structures offering them.';
    comment on column reporting.services_per_thematique.sources is 'Distinct sources they come from.';

    perform ops.replace_reporting_view('services_per_public', $body$
    select
        vocabulary.value as public,
        vocabulary.label,
        count(services.id) as services,
        count(services.id) filter (where services._is_valid) as valid_services,
        count(distinct services.structure_id) as structures
    from seeds.v1_publics as vocabulary
    left join marts.services_publics as given on given.public = vocabulary.value
    left join marts.services as services on services.id = given.service_id
    group by vocabulary.value, vocabulary.label
    $body$);
    comment on view reporting.services_per_public is 'One row per v1 public (every one, with 0 when no service targets it): the services that target it.';
    comment on column reporting.services_per_public.public is 'The public (v1 value).';
    comment on column reporting.services_per_public.label is 'Its label.';
    comment on column reporting.services_per_public.services is 'Published services targeting it (valid or not).';
    comment on column reporting.services_per_public.valid_services is 'Of them, the valid ones.';
    comment on column reporting.services_per_public.structures is 'Distinct structures offering them.';

    perform ops.replace_reporting_view('remote_services_per_source', $body$
    select
        services.source,
        count(*) as services,
        count(*) filter (where 'a-distance' = any(services.modes_accueil)) as remote_services,
        count(*) filter (where services.modes_accueil = array['a-distance']) as remote_only_services,
        round((count(*) filter (where 'a-distance' = any(services.modes_accueil)))::numeric / count(*), 3) as remote_share
    from marts.services as services
    group by services.source
    $body$);
    comment on view reporting.remote_services_per_source is 'Per source, the share of its published services offered remotely (modes_accueil holds a-distance). Sum services and remote_services over the rows for the share of all sources.';
    comment on column reporting.remote_services_per_source.source is 'The source slug.';
    comment on column reporting.remote_services_per_source.services is 'Its published services (valid or not).';
    comment on column reporting.remote_services_per_source.remote_services is 'Of them, those offered remotely (possibly on site too).';
    comment on column reporting.remote_services_per_source.remote_only_services is 'Of them, those offered only remotely.';
    comment on column reporting.remote_services_per_source.remote_share is 'remote_services / services, 0 to 1.';

    perform ops.replace_reporting_view('thematique_gaps_per_departement', $body$
    select
        departements.code as code_departement,
        departements.nom as departement,
        departements.code_region,
        thematiques.value as thematique,
        thematiques.categorie
    from seeds.ref_departements as departements
    cross join seeds.v1_thematiques as thematiques
    where not exists (
        select 1
        from marts.services_thematiques as given
        inner join marts.services as services on services.id = given.service_id
        where given.thematique = thematiques.value
          and services.code_departement = departements.code
          and services._is_valid)
    $body$);
    comment on view reporting.thematique_gaps_per_departement is 'One row per département and v1 thematique with no valid service delivered in that département (services reachable remotely or from elsewhere are not counted).';
    comment on column reporting.thematique_gaps_per_departement.code_departement is 'The département.';
    comment on column reporting.thematique_gaps_per_departement.departement is 'Its name.';
    comment on column reporting.thematique_gaps_per_departement.code_region is 'Its région.';
    comment on column reporting.thematique_gaps_per_departement.thematique is 'A thematique no valid service offers there.';
    comment on column reporting.thematique_gaps_per_departement.categorie is 'Its category.';

    -- some 35,000 communes × the thematiques: filter on a département or a thematique
    perform ops.replace_reporting_view('thematique_gaps_per_commune', $body$
    select
        communes.code_insee,
        communes.nom as commune,
        communes.code_departement,
        thematiques.value as thematique,
        thematiques.categorie
    from seeds.ref_communes as communes
    cross join seeds.v1_thematiques as thematiques
    where communes.type = 'COM'
      and not exists (
        select 1
        from marts.services_thematiques as given
        inner join marts.services as services on services.id = given.service_id
        where given.thematique = thematiques.value
          and services.code_insee = communes.code_insee
          and services._is_valid)
    $body$);
    comment on view reporting.thematique_gaps_per_commune is 'One row per commune (COG, type COM) and v1 thematique with no valid service delivered in that commune. Large (communes × thematiques): filter on code_departement or thematique.';
    comment on column reporting.thematique_gaps_per_commune.code_insee is 'The commune''s INSEE code.';
    comment on column reporting.thematique_gaps_per_commune.commune is 'Its name.';
    comment on column reporting.thematique_gaps_per_commune.code_departement is 'Its département.';
    comment on column reporting.thematique_gaps_per_commune.thematique is 'A thematique no valid service offers there.';
    comment on column reporting.thematique_gaps_per_commune.categorie is 'Its category.';
end
$$;

revoke all on function ops.create_coverage_views() from public;

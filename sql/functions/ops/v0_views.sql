-- The views of the v0 shapes, marts_v0.structures and marts_v0.services
-- (the schema: migration 0021_v0_shapes.sql; docs/v0.md says where every
-- v0 field comes from). The publisher calls ops.create_v0_views() after
-- every publication, in its transaction.

-- Drops the two views (the publisher does, before it must drop and recreate
-- a marts.* view whose columns changed); ops.create_v0_views() makes them again.
create or replace function ops.drop_v0_views() returns void
language sql
as $$
    drop view if exists marts_v0.services;
    drop view if exists marts_v0.structures;
$$;

-- `create or replace` keeps a view's identity; when the marts' columns
-- changed type it cannot, and the view is made anew (dashboards keyed on it
-- must then look it up again, as for marts.*).
create or replace function ops.replace_v0_view(view_name text, body text) returns void
language plpgsql
as $$
begin
    execute format('create or replace view marts_v0.%I as %s', view_name, body);
exception
    when invalid_table_definition or datatype_mismatch then
        raise warning 'marts_v0.% recreated: its columns changed', view_name;
        execute format('drop view marts_v0.%I', view_name);
        execute format('create view marts_v0.%I as %s', view_name, body);
end
$$;

-- (Re)creates the two views. `create or replace` keeps their identity while
-- their columns stay the same. Returns false, creating nothing, while a
-- relation they read is missing (no refresh has published, or loaded the
-- v0 seeds, yet): the publisher calls it after every publication.
create or replace function ops.create_v0_views() returns boolean
language plpgsql
as $$
declare
    needed text[] := array['marts.structures', 'marts.services', 'seeds.map_v1_to_v0__reseaux_porteurs',
                           'seeds.map_v1_to_v0__thematiques', 'seeds.map_v1_to_v0__publics', 'seeds.map_v1_to_v0__types',
                           'seeds.map_v1_to_v0__frais', 'seeds.map_v1_to_v0__modes_orientation', 'seeds.v1_reseaux_porteurs',
                           'seeds.ref_communes', 'seeds.ref_departements', 'seeds.ref_regions'];
    relation text;
    reader text;
begin
    foreach relation in array needed loop
        if to_regclass(relation) is null then
            return false;
        end if;
    end loop;
    -- the zone names are looked up per service
    create index if not exists ref_communes_code_insee on seeds.ref_communes (code_insee);

    perform ops.replace_v0_view('structures', $body$
    select
        structures.id, structures.siret, null::text as rna, structures.nom,
        structures.commune, structures.code_postal, structures.code_insee, structures.adresse, structures.complement_adresse,
        structures.longitude, structures.latitude, networks.typologie,
        structures.telephone, structures.courriel, structures.site_web,
        case when char_length(structures.description) <= 280 then structures.description
             else left(structures.description, 279) || '…' end as presentation_resume,
        case when char_length(structures.description) > 280 then structures.description end as presentation_detail,
        structures.source, null::boolean as antenne, structures.lien_source,
        structures.horaires_accueil as horaires_ouverture, structures.accessibilite_lieu as accessibilite,
        networks.labels_nationaux, networks.labels_autres,
        -- v1 structures have no thematiques: those of the structure's valid services
        nullif(array(
            select distinct map.v0
            from marts.services as services
            cross join unnest(services.thematiques) as given (v1)
            inner join seeds.map_v1_to_v0__thematiques as map on map.v1 = given.v1
            where services.structure_id = structures.id and services._is_valid and map.v0 is not null
            order by 1), '{}') as thematiques,
        structures.date_maj,
        -- not v0 fields: what the API and analysts filter and mask on
        structures._is_valid, structures._has_pii, structures.score_qualite, structures.cluster_id,
        structures.code_departement, structures.code_region
    from marts.structures as structures
    left join lateral (
        select
            typed.typologie,
            nullif(array(
                select distinct map.label_national
                from unnest(structures.reseaux_porteurs) as given (v1)
                inner join seeds.map_v1_to_v0__reseaux_porteurs as map on map.v1 = given.v1
                where map.label_national is not null order by 1), '{}') as labels_nationaux,
            -- networks v0 has no label for, unless one gave the typologie: named by their v1 label
            nullif(array(
                select distinct vocabulary.label
                from unnest(structures.reseaux_porteurs) as given (v1)
                inner join seeds.map_v1_to_v0__reseaux_porteurs as map on map.v1 = given.v1
                inner join seeds.v1_reseaux_porteurs as vocabulary on vocabulary.value = given.v1
                where map.label_national is null and given.v1 is distinct from typed.network order by 1), '{}') as labels_autres
        from (select null) as anchor
        left join lateral (
            select map.typologie, map.v1 as network
            from unnest(structures.reseaux_porteurs) as given (v1)
            inner join seeds.map_v1_to_v0__reseaux_porteurs as map on map.v1 = given.v1
            where map.typologie is not null
            order by map.typologie_rank::int, map.v1
            limit 1
        ) as typed on true
    ) as networks on true
    $body$);

    perform ops.replace_v0_view('services', $body$
    select
        services.id, services.structure_id, services.source, services.nom,
        case when char_length(services.description) <= 280 then services.description
             else left(services.description, 279) || '…' end as presentation_resume,
        case when char_length(services.description) > 280 then services.description end as presentation_detail,
        nullif(array(select map.v0 from seeds.map_v1_to_v0__types as map where map.v1 = services.type and map.v0 is not null
                     order by 1), '{}') as types,
        nullif(array(
            select distinct map.v0 from unnest(services.thematiques) as given (v1)
            inner join seeds.map_v1_to_v0__thematiques as map on map.v1 = given.v1
            where map.v0 is not null order by 1), '{}') as thematiques,
        null::text as prise_rdv,
        nullif(array(select map.v0 from seeds.map_v1_to_v0__frais as map where map.v1 = services.frais and map.v0 is not null
                     order by 1), '{}') as frais,
        services.frais_precisions as frais_autres,
        nullif(array(
            select distinct map.v0 from unnest(services.publics) as given (v1)
            inner join seeds.map_v1_to_v0__publics as map on map.v1 = given.v1
            where map.v0 is not null order by 1), '{}') as profils,
        services.publics_precisions as profils_precisions,
        case when services.conditions_acces is not null then array[services.conditions_acces] end as pre_requis,
        null::boolean as cumulable,
        null::text[] as justificatifs,
        nullif(array(
            select distinct map.v0 from unnest(services.modes_mobilisation) as given (mode)
            inner join seeds.map_v1_to_v0__modes_orientation as map on map.modes_mobilisation = given.mode
            where map.v0_field = 'modes_orientation_accompagnateur' and map.mobilisable_par = any(services.mobilisable_par)
            order by 1), '{}') as modes_orientation_accompagnateur,
        case when 'professionnels' = any(services.mobilisable_par) then services.mobilisation_precisions end
            as modes_orientation_accompagnateur_autres,
        nullif(array(
            select distinct map.v0 from unnest(services.modes_mobilisation) as given (mode)
            inner join seeds.map_v1_to_v0__modes_orientation as map on map.modes_mobilisation = given.mode
            where map.v0_field = 'modes_orientation_beneficiaire' and map.mobilisable_par = any(services.mobilisable_par)
            order by 1), '{}') as modes_orientation_beneficiaire,
        case when 'usagers' = any(services.mobilisable_par) then services.mobilisation_precisions end
            as modes_orientation_beneficiaire_autres,
        services.lien_mobilisation as formulaire_en_ligne,
        services.commune, services.code_postal, services.code_insee, services.adresse, services.complement_adresse,
        services.longitude, services.latitude,
        services.horaires_accueil as recurrence,
        null::date as date_creation, services.date_maj, null::date as date_suspension,
        services.lien_source, services.telephone, services.courriel,
        services._is_contact_public as contact_public, services.contact_nom_prenom,
        services.modes_accueil,
        zone.zone_diffusion_type, zone.zone_diffusion_code, zone.zone_diffusion_nom,
        null::text as page_web,
        services.volume_horaire_hebdomadaire, services.nombre_semaines,
        -- not v0 fields: what the API and analysts filter and mask on
        services._is_valid, services._is_contact_public, services._has_pii, services.score_qualite, services.cluster_id,
        services.code_departement, services.code_region
    from marts.services as services
    left join lateral (
        -- v0 names one zone: a single code, or the exact list of a region's départements
        select
            case
                when zones.single in ('france', '99100') or zones.single ~ '^99[0-5]\d{2}$' then 'pays'
                when zones.single ~ '^\d{9}$' then 'epci'
                when zones.single ~ '^\w{5}$' then 'commune'
                when zones.single ~ '^\w{2,3}$' then 'departement'
                when zones.region is not null then 'region'
            end as zone_diffusion_type,
            case
                when zones.single in ('france', '99100') then '99100'
                when zones.single ~ '^(\d{9}|\w{5}|\w{2,3})$' then zones.single
                else zones.region
            end as zone_diffusion_code,
            case
                when zones.single in ('france', '99100') then 'France'
                when zones.single ~ '^99[0-5]\d{2}$' or zones.single ~ '^\d{9}$' then null
                when zones.single ~ '^\w{5}$' then (select communes.nom from seeds.ref_communes as communes
                                                     where communes.code_insee = zones.single
                                                     order by communes.type = 'COM' desc, communes.type limit 1)
                when zones.single ~ '^\w{2,3}$' then (select departements.nom from seeds.ref_departements as departements
                                                       where departements.code = zones.single)
                else (select regions.nom from seeds.ref_regions as regions where regions.code = zones.region)
            end as zone_diffusion_nom
        from (
            select
                case when cardinality(services.zone_eligibilite) = 1 then services.zone_eligibilite[1] end as single,
                case when cardinality(services.zone_eligibilite) > 1 then (
                    select regions.code from seeds.ref_regions as regions
                    where (select array_agg(departements.code order by departements.code) from seeds.ref_departements as departements
                           where departements.code_region = regions.code)
                        = (select array_agg(distinct given order by given) from unnest(services.zone_eligibilite) as given)
                ) end as region
        ) as zones
    ) as zone on true
    $body$);

    comment on view marts_v0.structures is 'Published structures in the v0 shape (docs/v0.md); underscore columns, score_qualite, cluster_id, code_departement and code_region are not v0 fields.';
    comment on view marts_v0.services is 'Published services in the v0 shape (docs/v0.md); underscore columns, score_qualite, cluster_id, code_departement and code_region are not v0 fields.';
    foreach reader in array array['warehouse_api', 'warehouse_analyst'] loop
        continue when not exists (select from pg_roles where rolname = reader);
        -- here rather than in the role grants: roles an administrator creates later get them at the next publication
        execute format('grant usage on schema marts_v0 to %I', reader);
        execute format('grant select on marts_v0.structures, marts_v0.services to %I', reader);
    end loop;
    return true;
end
$$;

revoke all on function ops.create_v0_views() from public;
revoke all on function ops.drop_v0_views() from public;
revoke all on function ops.replace_v0_view(text, text) from public;

-- a database already published gets the views as soon as this file is
-- applied if its v0 seeds are loaded, else at its next publication
select ops.create_v0_views();

-- Every source's structures in the v1 model, after the rules that the final
-- layer applies to all sources (sources/README.md §3). One row per structure;
-- rows that break a v1 rule are kept and listed in int__validation_errors.
with

addresses as (
    select * from {{ ref('int__addresses_enriched') }}
    where entity = 'structure'
)

-- Sources sort their lists in the C collation; the published columns keep
-- the database default so their type never changes from one refresh to
-- the next (a changed type would force the marts views to be recreated).
select
    unioned.source,
    unioned.id,
    -- v1 caps nom at 150 chars: longer names are cut, not rejected
    case
        when char_length(unioned.nom) > 150 then left(unioned.nom, 149) || '…'
        else unioned.nom
    end as nom,
    unioned.date_maj,
    -- v1 caps description at 10,000 chars: longer texts are cut
    case
        when char_length(unioned.description) > 10000 then left(unioned.description, 9999) || '…'
        else unioned.description
    end as description,
    -- URLs: scheme added to bare domains, spaces removed, anything that
    -- is not an http(s) URL with a host set aside (url_normalized, 0011)
    url_normalized(unioned.lien_source) as lien_source,
    -- normalizers of sql/functions/contacts and identifiers; what they set aside is listed,
    -- with the reason, in int__set_aside_values
    case when siret_is_valid(unioned.siret) then unioned.siret end as siret,
    unioned.commune,
    unioned.code_postal,
    -- the commune and coordinates checked and completed from the
    -- referential (int__addresses_enriched); what they replaced is in
    -- int__set_aside_values
    addresses.code_insee,
    unioned.adresse,
    unioned.complement_adresse,
    addresses.longitude,
    addresses.latitude,
    phone_e164(unioned.telephone) as telephone,
    email_normalized(unioned.courriel) as courriel,
    url_normalized(unioned.site_web) as site_web,
    -- opening hours outside the OSM subset stay in _extra with the reason
    case when opening_hours.problem is null then unioned.horaires_accueil end as horaires_accueil,
    url_normalized(unioned.accessibilite_lieu) as accessibilite_lieu,
    -- an empty list says nothing more than no list
    nullif(unioned.reseaux_porteurs, '{}') collate "default" as reseaux_porteurs,
    -- the values as the sources gave them, before normalization
    unioned.siret as _siret_source,
    unioned.telephone as _telephone_source,
    unioned.courriel as _courriel_source,
    addresses.code_departement,
    addresses.code_region,
    addresses.code_epci,
    addresses._geocoding_precision,
    unioned.lien_source as _lien_source_source,
    unioned.site_web as _site_web_source,
    unioned.accessibilite_lieu as _accessibilite_lieu_source,
    unioned.horaires_accueil as _horaires_accueil_source,
    case when opening_hours.problem is not null then jsonb_build_object('horaires_accueil',
        jsonb_build_object('valeur', unioned.horaires_accueil, 'probleme', opening_hours.problem)) end as _extra
from {{ ref('int__structures_unioned') }} as unioned
cross join lateral (select opening_hours_problem(unioned.horaires_accueil) as problem) as opening_hours
left join addresses
    on addresses.source = unioned.source
    and addresses.id = unioned.id

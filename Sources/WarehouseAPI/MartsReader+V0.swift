import Foundation
import PostgresNIO
import WarehouseCore

/// The v0 shapes' reads: each page in one statement over the views
/// `marts_v0.structures` and `marts_v0.services` (sql/functions/ops/v0_views.sql), which
/// read the published `marts.*`; the statement also reads the published
/// version, so the page and the version it names come from one snapshot.
extension MartsReader {
    /// A search's place: its point and the codes of the zones that cover it.
    struct V0Anchor: Sendable {
        let latitude: Double
        let longitude: Double
        /// the commune and, for an arrondissement, its commune
        let communes: [String]
        let departement: String
        let epci: String?
    }

    /// The internal columns of the views, never served.
    static let v0Internal = "array['_is_valid', '_has_pii', '_is_contact_public', 'cluster_id', 'code_departement', 'code_region', 'score_qualite']"

    /// A v0 structure as data·inclusion's v0 `BaseStructure`: its contacts
    /// left out when its e-mail is personal, as v1's.
    static func v0Structure(_ alias: String) -> String {
        """
        ((to_jsonb(\(alias)) - \(v0Internal)) || jsonb_build_object(
            'telephone', case when \(alias)._has_pii then null else \(alias).telephone end,
            'courriel', case when \(alias)._has_pii then null else \(alias).courriel end))
        """
    }

    /// A v0 service as data·inclusion's v0 `Service`: contacts only where the
    /// source made them public and the e-mail is not personal, as v1's.
    static func v0Service(_ alias: String) -> String {
        let contactIsPublic = "coalesce(\(alias)._is_contact_public, false) and not coalesce(\(alias)._has_pii, false)"
        return """
            ((to_jsonb(\(alias)) - \(v0Internal)) || jsonb_build_object(
                'telephone', case when \(contactIsPublic) then \(alias).telephone end,
                'courriel', case when \(contactIsPublic) then \(alias).courriel end,
                'contact_nom_prenom', case when \(contactIsPublic) then \(alias).contact_nom_prenom end,
                'score_qualite', coalesce(\(alias).score_qualite, 0)))
            """
    }

    /// Whether the v0 views exist, and the published version (nil: nothing published).
    func v0Version() async throws -> (viewsExist: Bool, version: Int64?) {
        let rows = try await database.rows("""
            select to_regclass('marts_v0.services') is not null and to_regclass('marts_v0.structures') is not null,
                   (select version from ops.current_version)
            """)
        guard let row = rows.first else { return (false, nil) }
        return try row.decode((Bool, Int64?).self)
    }

    func v0Structures(_ parameters: V0Parameters, hiddenSources: [String]) async throws -> Page {
        var sql = SQLBuilder()
        let hidden = sql.bind(hiddenSources)
        sql.require("structures._is_valid")
        sql.require("structures.source <> all(\(hidden)::text[])")
        if let sources = parameters.sources { sql.require("structures.source = any(\(sql.bind(sources))::text[])") }
        if let typologie = parameters.typologie { sql.require("structures.typologie = \(sql.bind(typologie))") }
        if let label = parameters.labelNational { sql.require("\(sql.bind(label)) = any(structures.labels_nationaux)") }
        if let thematiques = parameters.thematiques { sql.require("structures.thematiques && \(sql.bind(thematiques))::text[]") }
        applyV0Territories(parameters, alias: "structures", to: &sql)
        let filtered = parameters.exclureDoublons
            // one structure per duplicate cluster, chosen in exclure_doublons' order
            ? """
              select distinct on (coalesce(structures.cluster_id, structures.id)) structures.id
              from marts_v0.structures as structures where \(sql.whereClause)
              order by coalesce(structures.cluster_id, structures.id), structures.score_qualite desc nulls last,
                       structures.date_maj desc nulls last, structures.id
              """
            : "select structures.id from marts_v0.structures as structures where \(sql.whereClause)"
        let item = """
            (\(Self.v0Structure("structures")) || jsonb_build_object(
                'score_qualite', coalesce(structures.score_qualite, 0),
                'doublons', coalesce((select jsonb_agg(jsonb_build_object('source', others.source, 'id', others.id) order by others.id)
                                      from marts.structures as others
                                      where others.cluster_id = structures.cluster_id and others.id <> structures.id
                                        and others._is_valid and others.source <> all(\(hidden)::text[])), '[]'::jsonb)))
            """
        return try await v0Page(sql: &sql, filtered: filtered, view: "structures", order: "rows.id", item: item, parameters: parameters)
    }

    func v0Services(_ parameters: V0Parameters, hiddenSources: [String]) async throws -> Page {
        var sql = SQLBuilder()
        applyV0ServiceFilters(parameters, hiddenSources: hiddenSources, to: &sql)
        applyV0Territories(parameters, alias: "services", to: &sql)
        let filtered = "select services.id from marts_v0.services as services where \(sql.whereClause)"
        return try await v0Page(sql: &sql, filtered: filtered, view: "services", order: "rows.id", item: Self.v0Service("services"),
                                parameters: parameters)
    }

    /// data·inclusion's v0 search: with a commune, the services whose zone
    /// covers it (or that name none), on site within 50 km of its point (or
    /// of lat/lon) or remote, by distance (whole km, null for services not
    /// received on site); without one, every service, by id.
    func v0SearchServices(_ parameters: V0Parameters, hiddenSources: [String], anchor: V0Anchor?) async throws -> Page {
        var sql = SQLBuilder()
        applyV0ServiceFilters(parameters, hiddenSources: hiddenSources, to: &sql)
        var distance = "null::int"
        if let anchor {
            let communes = sql.bind(anchor.communes)
            let departement = sql.bind(anchor.departement)
            let epci = sql.bind(anchor.epci ?? "")
            sql.require("""
                (services.zone_diffusion_type is null or services.zone_diffusion_type = 'pays'
                 or (services.zone_diffusion_type = 'commune' and services.zone_diffusion_code = any(\(communes)::text[]))
                 or (services.zone_diffusion_type = 'epci' and services.zone_diffusion_code = \(epci)::text)
                 or (services.zone_diffusion_type = 'departement' and services.zone_diffusion_code = \(departement)::text)
                 or (services.zone_diffusion_type = 'region' and services.zone_diffusion_code =
                     (select departements.code_region from seeds.ref_departements as departements where departements.code = \(departement)::text)))
                """)
            let here = "geography(st_setsrid(st_makepoint(\(sql.bind(anchor.longitude))::float8, \(sql.bind(anchor.latitude))::float8), 4326))"
            let there = "geography(st_setsrid(st_makepoint(services.longitude, services.latitude), 4326))"
            sql.require("(st_dwithin(\(there), \(here), 50000) or 'a-distance' = any(services.modes_accueil))")
            distance = "case when 'en-presentiel' = any(services.modes_accueil) then (st_distance(\(there), \(here)) / 1000)::int end"
        }
        if parameters.exclureDoublons {
            let hidden = sql.bind(hiddenSources)
            sql.require("""
                services.structure_id in (
                    select distinct on (coalesce(representatives.cluster_id, representatives.id)) representatives.id
                    from marts.structures as representatives
                    where representatives._is_valid and representatives.source <> all(\(hidden)::text[])
                    order by coalesce(representatives.cluster_id, representatives.id), representatives.score_qualite desc nulls last,
                             representatives.date_maj desc nulls last, representatives.id)
                """)
        }
        let filtered = "select services.id, \(distance) as distance from marts_v0.services as services where \(sql.whereClause)"
        let item = """
            jsonb_build_object(
                'service', \(Self.v0Service("services")) || jsonb_build_object('structure', (
                    select \(Self.v0Structure("owners")) from marts_v0.structures as owners where owners.id = services.structure_id)),
                'distance', page.distance)
            """
        return try await v0Page(sql: &sql, filtered: filtered, view: "services", order: "rows.distance nulls last, rows.id", item: item,
                                parameters: parameters)
    }

    /// The page, the count and nothing else, in one statement: `filtered`
    /// selects the ids (and, for a search, the distance) of the matching
    /// rows; `item` writes one row of `view` (aliased by its name, the
    /// page's row as `page`).
    private func v0Page(sql: inout SQLBuilder, filtered: String, view: String, order: String, item: String,
                        parameters: V0Parameters) async throws -> Page {
        let statement = """
            with filtered as (\(filtered)),
            page as (
                select rows.*, row_number() over (order by \(order)) as position from filtered as rows
                order by \(order) limit \(sql.bind(parameters.size))::int offset \(sql.bind(Int64(parameters.offset)))::bigint
            )
            select
                (select count(*)::int from filtered),
                coalesce((select jsonb_agg(\(item) order by page.position)
                          from page inner join marts_v0.\(view) as \(view) on \(view).id = page.id), '[]'::jsonb)::text,
                (select count(*)::int from page)
            """
        let rows = try await database.query(sql.query(statement))
        guard let row = rows.first else { return Page(itemsJSON: "[]", total: 0, lastKey: nil, returnedCount: 0) }
        let (total, items, returned) = try row.decode((Int, String, Int).self)
        return Page(itemsJSON: items, total: total, lastKey: nil, returnedCount: returned)
    }

    private func applyV0ServiceFilters(_ parameters: V0Parameters, hiddenSources: [String], to sql: inout SQLBuilder) {
        let hidden = sql.bind(hiddenSources)
        sql.require("services._is_valid")
        sql.require("services.source <> all(\(hidden)::text[])")
        // served only with its structure, valid and visible, as v1
        sql.require("""
            exists (select from marts.structures as owners
                    where owners.id = services.structure_id and owners._is_valid and owners.source <> all(\(hidden)::text[]))
            """)
        if let sources = parameters.sources { sql.require("services.source = any(\(sql.bind(sources))::text[])") }
        if let thematiques = parameters.thematiques { sql.require("services.thematiques && \(sql.bind(thematiques))::text[]") }
        if let frais = parameters.frais { sql.require("services.frais && \(sql.bind(frais))::text[]") }
        if let profils = parameters.profils { sql.require("services.profils && \(sql.bind(profils))::text[]") }
        if let modes = parameters.modesAccueil { sql.require("services.modes_accueil && \(sql.bind(modes))::text[]") }
        if let types = parameters.types { sql.require("services.types && \(sql.bind(types))::text[]") }
        if let minimum = parameters.scoreQualiteMinimum { sql.require("services.score_qualite >= \(sql.bind(minimum))::float8") }
        if let text = parameters.recherchePublic {
            sql.require("""
                to_tsvector('french', unaccent(coalesce(services.profils_precisions, '') || ' ' || coalesce(array_to_string(services.profils, ' '), '')))
                    @@ websearch_to_tsquery('french', unaccent(\(sql.bind(text))))
                """)
        }
    }

    private func applyV0Territories(_ parameters: V0Parameters, alias: String, to sql: inout SQLBuilder) {
        if let region = parameters.codeRegion { sql.require("\(alias).code_region = \(sql.bind(region))") }
        if let departement = parameters.codeDepartement { sql.require("\(alias).code_departement = \(sql.bind(departement))") }
        if let commune = parameters.codeCommune { sql.require("\(alias).code_insee = \(sql.bind(commune))") }
    }
}

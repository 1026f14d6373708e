import Foundation
import Logging
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The read side of the API: every list, detail and search statement, each
/// answering a JSON text built by PostgreSQL from one published version's
/// tables (`marts_v<N>`), so the data version a response names is exactly
/// the one it read.
struct MartsReader: Sendable {
    struct Version: Sendable {
        let number: Int64
        let schema: String
    }

    /// A page of JSON items, with what the envelope and events need.
    struct Page: Sendable {
        let itemsJSON: String
        let total: Int
        let lastKey: [String]?
        /// How many items the page holds (the envelope's `size`).
        let returnedCount: Int
    }

    let database: Database
    /// Search results' documents already read (see DocumentCache).
    let documentCache: DocumentCache
    /// exclure_doublons lists already chosen (see RepresentativeLists).
    let representatives = RepresentativeLists()
    /// Where loading a version's documents in advance is told.
    let logger: Logger

    /// The published version now, or the one a cursor pinned (nil: expired).
    func version(pinnedTo cursor: Cursor?) async throws -> Version? {
        let rows: [PostgresRow]
        if let cursor {
            rows = try await database.query("""
                select version, schema_name from ops.published_versions
                where version = \(cursor.version) and published_at is not null and retired_at is null
                """)
        } else {
            rows = try await database.query("""
                select version, schema_name from ops.published_versions
                where published_at is not null and retired_at is null order by version desc limit 1
                """)
        }
        let version = try rows.first.map { row in
            let (number, schema) = try row.decode((Int64, String).self)
            return Version(number: number, schema: schema)
        }
        if cursor == nil, let version, documentCache.claimWarming(of: version.number) {
            Task { await warmDocuments(of: version) }
        }
        return version
    }

    // MARK: structures

    func structures(_ parameters: ListParameters, hiddenSources: [String], version: Version) async throws -> Page {
        var sql = SQLBuilder()
        sql.require("structures._is_valid")
        applyCommon(parameters, hiddenSources: hiddenSources, alias: "structures", to: &sql)
        if let networks = parameters.reseauxPorteurs { sql.require("structures.reseaux_porteurs && \(sql.bind(networks))::text[]") }
        let schema = version.schema
        guard parameters.exclureDoublons else {
            // Only ids are selected: the page reads its rows whole.
            let doublons = Self.doublons(of: "structures", schema: schema, hiddenSources: sql.bind(hiddenSources), detailed: false)
            return try await page(sql: &sql, filtered: "select structures.id from \(schema).structures as structures where \(sql.whereClause)",
                                  orderKey: "structures.id", parameters: parameters, rowsOf: "\(schema).structures",
                                  item: .json(MartsJSON.structure("structures", schema: schema, withDoublons: false, extraFields: doublons)))
        }
        // exclure_doublons: after the filters, one structure per cluster
        // (the index structures_representative has this order), the list
        // kept for the next pages (RepresentativeLists).
        let key = RepresentativeLists.key(version: version.number, hiddenSources: hiddenSources, parameters: parameters)
        let ids: [String]
        if let kept = representatives.ids(for: key) {
            ids = kept
        } else {
            let rows = try await database.query(sql.query("""
                select representatives.id::text from (
                    select distinct on (structures.cluster_id) structures.id from \(schema).structures as structures
                    where \(sql.whereClause)
                    order by structures.cluster_id, structures.score_qualite desc, structures.date_maj desc nulls last, structures.id
                ) as representatives
                order by representatives.id
                """))
            ids = try rows.map { try $0.decode(String.self) }
            representatives.store(ids, for: key)
        }
        let start: Int
        if parameters.usesCursor {
            // the cursor holds the last id of the previous page
            start = parameters.cursor?.after.first.map { after in
                ids.firstIndex(of: after).map { $0 + 1 } ?? ids.firstIndex { $0 > after } ?? ids.count
            } ?? 0
        } else {
            start = min(ids.count, parameters.offset)
        }
        let pageIDs = Array(ids[start..<min(ids.count, start + parameters.size)])
        var binds = PostgresBindings()
        try binds.append(pageIDs)
        try binds.append(hiddenSources)
        let doublons = Self.doublons(of: "structures", schema: schema, hiddenSources: "$2", detailed: false)
        let rows = try await database.query(PostgresQuery(unsafeSQL: """
            select coalesce(json_agg(\(MartsJSON.structure("structures", schema: schema, withDoublons: false, extraFields: doublons))
                                     order by page_ids.position), '[]'::json)::text
            from unnest($1::text[]) with ordinality as page_ids (id, position)
            inner join \(schema).structures as structures on structures.id = page_ids.id
            """, binds: binds))
        let items = try rows.first?.decode(String.self) ?? "[]"
        return Page(itemsJSON: items, total: ids.count, lastKey: pageIDs.last.map { [$0] }, returnedCount: pageIDs.count)
    }

    /// `DetailedStructure`; `hiddenFromLookup`: sources not served by id,
    /// `hiddenSources`: sources left out of its `doublons`.
    func structure(id: String, hiddenFromLookup: [String], hiddenSources: [String], version: Version) async throws -> String? {
        let schema = version.schema
        var binds = binds(id, hiddenFromLookup)
        try binds.append(hiddenSources)
        let doublons = Self.doublons(of: "structures", schema: schema, hiddenSources: "$3", detailed: true)
        let rows = try await database.query(PostgresQuery(unsafeSQL: """
            select \(MartsJSON.structure("structures", schema: schema, withDoublons: false, extraFields: """
                \(doublons),
                'services', coalesce((select json_agg(\(MartsJSON.service("services")) order by services.id)
                                      from \(schema).services as services
                                      where services.structure_id = structures.id and services._is_valid), '[]'::json)
                """))::text
            from \(schema).structures as structures
            where structures.id = $1 and structures._is_valid and structures.source <> all($2::text[])
            """, binds: binds))
        return try rows.first?.decode(String.self)
    }

    /// The `'doublons', […]` pair of a structure: the other valid members of
    /// its cluster whose source this token sees (`hiddenSources` is the
    /// placeholder of a text[]), as `{source, id}` in lists and as whole
    /// `Structure` objects (data·inclusion's v1 `Structure`, without the
    /// API's own fields) in a `DetailedStructure`.
    static func doublons(of alias: String, schema: String, hiddenSources: String, detailed: Bool) -> String {
        let item = detailed
            ? MartsJSON.structure("others", schema: schema, withDoublons: false, withQualityFields: false)
            : "json_build_object('source', others.source, 'id', others.id)"
        return """
            'doublons', coalesce((select json_agg(\(item) order by others.id)
                                  from \(schema).structures as others
                                  where others.cluster_id = \(alias).cluster_id and others.id <> \(alias).id
                                    and others._is_valid and others.source <> all(\(hiddenSources)::text[])), '[]'::json)
            """
    }

    // MARK: services

    /// `withExtra`: each service also carries `extra` (what its producer
    /// gave beyond the schema), as data·inclusion's `?extra=true`.
    func services(_ parameters: ListParameters, hiddenSources: [String], version: Version, withExtra: Bool = false) async throws -> Page {
        var sql = SQLBuilder()
        sql.require("services._is_valid")
        sql.require(Self.servedStructure(schema: version.schema))
        applyCommon(parameters, hiddenSources: hiddenSources, alias: "services", to: &sql)
        applyServiceFilters(parameters, to: &sql)
        let schema = version.schema
        let filtered = "select services.id from \(schema).services as services where \(sql.whereClause)"
        return try await page(sql: &sql, filtered: filtered, orderKey: "services.id", parameters: parameters,
                              rowsOf: "\(schema).services",
                              item: .json(MartsJSON.service("services", extraFields: withExtra ? "'extra', services._extra" : nil)))
    }

    func service(id: String, hiddenSources: [String], version: Version) async throws -> String? {
        let schema = version.schema
        let rows = try await database.query(PostgresQuery(unsafeSQL: """
            select \(MartsJSON.detailedService("services", structureAlias: "structures", schema: schema))::text
            from \(schema).services as services
            inner join \(schema).structures as structures on structures.id = services.structure_id
            where services.id = $1 and services._is_valid and structures._is_valid
              and services.source <> all($2::text[]) and structures.source <> all($2::text[])
            """, binds: binds(id, hiddenSources)))
        return try rows.first?.decode(String.self)
    }

    // MARK: shared parts

    /// A service is served only with its structure: a valid service of an
    /// invalid (or missing) structure is left out everywhere, as
    /// data·inclusion's join on structures does. Written as `exists`, which
    /// PostgreSQL may plan as one join (a list reads every service);
    /// `/search/services` reads a table that holds served services only.
    static func servedStructure(schema: String) -> String {
        "exists (select from \(schema).structures as owners where owners.id = services.structure_id and owners._is_valid)"
    }

    func applyCommon(_ parameters: ListParameters, hiddenSources: [String], alias: String, to sql: inout SQLBuilder,
                             includeTerritories: Bool = true) {
        if !hiddenSources.isEmpty { sql.require("\(alias).source <> all(\(sql.bind(hiddenSources))::text[])") }
        if let sources = parameters.sources { sql.require("\(alias).source = any(\(sql.bind(sources))::text[])") }
        if let commune = parameters.codeCommune, includeTerritories { sql.require("\(alias).code_insee = \(sql.bind(commune))") }
        if let departement = parameters.codeDepartement { sql.require("\(alias).code_departement = \(sql.bind(departement))") }
        if let region = parameters.codeRegion { sql.require("\(alias).code_region = \(sql.bind(region))") }
        if let minimum = parameters.scoreQualiteMinimum { sql.require("\(alias).score_qualite >= \(sql.bind(minimum))::float8") }
    }

    /// Where the thematiques filter looks: the services' array, or the
    /// keys of `service_search_points` (one row per service and thematique,
    /// and one under `*` for every service).
    enum ThematiquesColumn {
        case array, searchKeys
    }

    func applyServiceFilters(_ parameters: ListParameters, to sql: inout SQLBuilder,
                                     thematiques column: ThematiquesColumn = .array) {
        switch (column, parameters.thematiques) {
        case (.array, let thematiques?): sql.require("services.thematiques && \(sql.bind(thematiques))::text[]")
        case (.array, nil): break
        case (.searchKeys, let thematiques?): sql.require("services.thematique = any(\(sql.bind(thematiques))::text[])")
        case (.searchKeys, nil): sql.require("services.thematique = '\(SearchTables.everyServiceKey)'")
        }
        if let frais = parameters.frais { sql.require("services.frais = any(\(sql.bind(frais))::text[])") }
        // tous-publics among those asked filters nothing, as data·inclusion
        if let publics = parameters.publics, !publics.contains("tous-publics") {
            // a service for everyone matches whichever public is asked
            sql.require("(services.publics && \(sql.bind(publics))::text[] or 'tous-publics' = any(services.publics))")
        }
        if let modes = parameters.modesAccueil { sql.require("services.modes_accueil && \(sql.bind(modes))::text[]") }
        if let types = parameters.types { sql.require("services.type = any(\(sql.bind(types))::text[])") }
        if let text = parameters.recherchePublic {
            sql.require("""
                to_tsvector('french', unaccent(coalesce(services.publics_precisions, '') || ' ' || coalesce(array_to_string(services.publics, ' '), '')))
                    @@ websearch_to_tsquery('french', unaccent(\(sql.bind(text))))
                """)
        }
    }

    private func binds(_ id: String, _ hidden: [String]) -> PostgresBindings {
        var binds = PostgresBindings()
        try! binds.append(id)
        try! binds.append(hidden)
        return binds
    }
}

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
            ? "(\(MartsJSON.structure("others", schema: schema, withDoublons: false))::jsonb - 'adresse_certifiee' - 'score_qualite')"
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

    // MARK: search

    /// `/search/services`: services available in a place, nearest first.
    /// With a commune, its zone rules apply (the service's zone_eligibilite
    /// is empty or covers the commune, its département, its EPCI or France);
    /// with a point (commune's or lat/lon), in-person services further than
    /// `distanceMaximumKm` are left out while remote ones stay. The filters
    /// read the build's narrow `service_search_points` (aliased `services`:
    /// it has every column they name); the page's items are the services'
    /// documents made with the build (ServiceDocuments).
    func searchServices(_ parameters: ListParameters, hiddenSources: [String], version: Version,
                        anchor: (latitude: Double, longitude: Double)?, communeZones: [String]?) async throws -> Page {
        var sql = SQLBuilder()
        sql.require("services._is_valid")
        sql.require(Self.servedStructure(schema: version.schema, perRow: true))
        applyCommon(parameters, hiddenSources: hiddenSources, alias: "services", to: &sql, includeTerritories: false)
        applyServiceFilters(parameters, to: &sql, thematiques: .searchKeys)
        if let zones = communeZones {
            sql.require("(services.zone_eligibilite is null or services.zone_eligibilite && \(sql.bind(zones))::text[])")
        }
        let schema = version.schema
        // A service is there once per asked thematique it has: with more
        // than one asked (a category stands for several), once is kept.
        let once = (parameters.thematiques?.count ?? 0) > 1 ? "distinct on (services.id)" : ""
        var filtered: String
        if let anchor {
            // Remote services, and in-person ones whose distance (measured
            // once a row: `offset 0` keeps the planner from copying the
            // expression into each place that reads it) is within the radius.
            let latitude = "\(sql.bind(anchor.latitude))::float8"
            let longitude = "\(sql.bind(anchor.longitude))::float8"
            let radius = "\(sql.bind(parameters.distanceMaximumKm * 1000))::float8"
            let inBox = """
                services.latitude is not null
                and services.point && _st_expand(geography(st_setsrid(st_makepoint(\(longitude), \(latitude)), 4326)), \(radius))
                """
            sql.require("(services.is_remote or (\(inBox)))")
            filtered = """
                select measured.id, measured.structure_id,
                       case when measured.in_person and measured.metres <= \(radius) then round(measured.metres / 1000)::integer end as distance
                from (
                    select \(once) services.id, services.structure_id, services.is_remote,
                           coalesce('en-presentiel' = any(services.modes_accueil), false) as in_person,
                           case when \(inBox) then great_circle_metres(services.latitude, services.longitude, \(latitude), \(longitude)) end as metres
                    from \(schema).\(SearchTables.points) as services
                    where \(sql.whereClause)
                    offset 0
                ) as measured
                where measured.is_remote or measured.metres <= \(radius)
                """
        } else {
            filtered = """
                select \(once) services.id, services.structure_id, null::integer as distance
                from \(schema).\(SearchTables.points) as services
                where \(sql.whereClause)
                """
        }
        if parameters.exclureDoublons {
            // Services of duplicated structures: only those of the best
            // structures, every structure tied on score and date kept (a
            // dense rank, as data·inclusion).
            filtered = """
                select ranked.* from (
                    select candidates.*, dense_rank() over (
                        partition by coalesce(structures.cluster_id, structures.id)
                        order by structures.score_qualite desc, structures.date_maj desc nulls last) as structure_rank
                    from (\(filtered)) as candidates
                    inner join \(schema).structures as structures on structures.id = candidates.structure_id
                ) as ranked where ranked.structure_rank = 1
                """
        }
        return try await page(sql: &sql, filtered: filtered, orderKey: "services.distance, services.id", parameters: parameters,
                              item: .document(field: "service", after: "',\"distance\":' || coalesce(services.distance::text, 'null')",
                                              version: version),
                              keyColumns: ["coalesce(services.distance, 2147483647)", "services.id"],
                              orderBy: "services.distance nulls last, services.id")
    }

    /// `/search`, as data·inclusion ranks it: the list filters (with
    /// `code_commune` as an equality on the service's commune); `q` matched
    /// (websearch syntax, accents ignored) against the service's name and
    /// description and its structure's name and thematique and public labels,
    /// an empty `q` matching nothing; `score_recherche` is
    /// `round(ts_rank_cd(…, 32), 2)`. Around lat/lon, only services within
    /// `distance` km (remote ones too), ordered by `score_recherche × 0.5 +
    /// (1 − km / distance) × 0.5` (the distance term alone without `q`);
    /// otherwise by the score in half-tenths, then `score_qualite`.
    func searchText(_ parameters: ListParameters, hiddenSources: [String], version: Version,
                    anchor: (latitude: Double, longitude: Double)?) async throws -> Page {
        let schema = version.schema
        var sql = SQLBuilder()
        sql.require("services._is_valid")
        sql.require(Self.servedStructure(schema: schema))
        applyCommon(parameters, hiddenSources: hiddenSources, alias: "services", to: &sql)
        applyServiceFilters(parameters, to: &sql)
        var score = "null::numeric"
        if let text = parameters.fullText {
            let query = "websearch_to_tsquery('french', immutable_unaccent(\(sql.bind(text))))"
            let labels = """
                coalesce((select string_agg(label, ' ') from seeds.v1_thematiques where value = any(services.thematiques)), '')
                || ' ' || coalesce((select string_agg(label, ' ') from seeds.v1_publics where value = any(services.publics)), '')
                """
            let structureWords = """
                to_tsvector('french', immutable_unaccent(coalesce((select owners.nom from \(schema).structures as owners
                    where owners.id = services.structure_id), '') || ' ' || \(labels)))
                """
            let serviceWords = "service_search_document(services.nom, services.description)"
            sql.require(text.isEmpty ? "false" : "(\(serviceWords) @@ \(query) or \(structureWords) @@ \(query))")
            score = "round(ts_rank_cd(\(serviceWords) || setweight(\(structureWords), 'C'), \(query), 32)::numeric, 2)"
        }
        var distance = "null::float8"
        if let anchor {
            let latitude = "\(sql.bind(anchor.latitude))::float8"
            let longitude = "\(sql.bind(anchor.longitude))::float8"
            let point = "geography(st_setsrid(st_makepoint(\(longitude), \(latitude)), 4326))"
            let radius = "\(sql.bind(parameters.distanceMaximumKm * 1000))::float8"
            let metres = "great_circle_metres(services.latitude, services.longitude, \(latitude), \(longitude))"
            sql.require("(services.latitude is not null and \(Self.servicePoint("services")) && _st_expand(\(point), \(radius)) and \(metres) <= \(radius))")
            distance = "\(metres) / 1000"
        }
        let kilometres = sql.bind(parameters.distanceMaximumKm)
        let ordering: String
        switch (anchor != nil, parameters.fullText != nil) {
        case (true, true): ordering = "score_recherche * 0.5 + (1 - distance_km / \(kilometres)::float8)::numeric * 0.5"
        case (true, false): ordering = "(1 - distance_km / \(kilometres)::float8)::numeric"
        case (false, true): ordering = "round(score_recherche * 10) / 2"
        case (false, false): ordering = "null::numeric"
        }
        let filtered = """
            select measured.*, round(measured.distance_km)::integer as distance, \(ordering) as ordering from (
                select services.id, services.score_qualite, \(distance) as distance_km, \(score) as score_recherche
                from \(schema).services as services where \(sql.whereClause)
            ) as measured
            """
        let after = """
            ',"distance":' || coalesce(services.distance::text, 'null')
                || ',"score_recherche":' || coalesce(services.score_recherche::float8::text, 'null')
            """
        let order = anchor != nil ? "services.ordering desc nulls last, services.id"
            : "services.ordering desc nulls last, services.score_qualite desc nulls last, services.id"
        return try await page(sql: &sql, filtered: filtered, orderKey: "services.id", parameters: parameters,
                              item: .document(field: "service", after: after, version: version), orderBy: order)
    }

    /// The point of a service as the spatial index over the version's
    /// services has it (see MartIndexes).
    static func servicePoint(_ alias: String) -> String {
        "geography(st_setsrid(st_makepoint(\(alias).longitude, \(alias).latitude), 4326))"
    }

    // MARK: shared parts

    /// A service is served only with its structure: a valid service of an
    /// invalid (or missing) structure is left out everywhere, as
    /// data·inclusion's join on structures does.
    /// `perRow`: written as a scalar subquery, which PostgreSQL keeps as a
    /// per-row index lookup made after the cheaper conditions (a search keeps
    /// a few hundred rows of its radius); otherwise as `exists`, which it may
    /// plan as one join (a list reads every service).
    static func servedStructure(schema: String, perRow: Bool = false) -> String {
        perRow
            ? "coalesce((select owners._is_valid from \(schema).structures as owners where owners.id = services.structure_id), false)"
            : "exists (select from \(schema).structures as owners where owners.id = services.structure_id and owners._is_valid)"
    }

    private func applyCommon(_ parameters: ListParameters, hiddenSources: [String], alias: String, to sql: inout SQLBuilder,
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
    private enum ThematiquesColumn {
        case array, searchKeys
    }

    private func applyServiceFilters(_ parameters: ListParameters, to sql: inout SQLBuilder,
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

    /// One statement: the filtered rows, their count and the requested page
    /// (by page number, or after the cursor's key) as a JSON array. With
    /// `rowsOf` (a table), `filtered` selects ids only and the page's rows
    /// are read whole from that table: counting 100,000 ids is cheap,
    /// carrying 100,000 whole rows to count them is not.
    private func page(sql: inout SQLBuilder, filtered: String, orderKey: String, parameters: ListParameters,
                      rowsOf table: String? = nil, item: Item,
                      keyColumns: [String]? = nil, orderBy: String? = nil) async throws -> Page {
        let alias = orderKey.components(separatedBy: ".").first ?? "rows"
        let keys = keyColumns ?? ["\(alias).id"]
        let order = orderBy ?? orderKey
        let size = sql.bind(parameters.size)
        // page × size may pass 2³¹: the offset is a bigint
        var window = "limit \(size)::int offset \(sql.bind(Int64(parameters.offset)))::bigint"
        var after = "true"
        if parameters.usesCursor {
            window = "limit \(size)::int"
            if let cursor = parameters.cursor, cursor.after.count == keys.count {
                let right: String
                if keys.count == 2 {
                    right = "(\(sql.bind(Int(Int32(clamping: Int(cursor.after[0]) ?? 0))))::int, \(sql.bind(cursor.after[1])))"
                } else {
                    right = "(\(sql.bind(cursor.after[0])))"
                }
                after = "(\(keys.joined(separator: ", "))) > \(right)"
            }
        }
        let pageRows = table.map { table in
            """
            select whole_rows.*, keyed.page_position from (
                select \(alias).id, row_number() over (order by \(order)) as page_position
                from filtered as \(alias) where \(after) order by \(order) \(window)
            ) as keyed
            inner join \(table) as whole_rows on whole_rows.id = keyed.id
            """
        } ?? """
            select \(alias).*, row_number() over (order by \(order)) as page_position
            from filtered as \(alias) where \(after) order by \(order) \(window)
            """
        let lastKey = "json_build_array(\(keys.map { "(\($0))::text" }.joined(separator: ", ")))::text"
        switch item {
        case .json(let expression):
            let statement = """
                with filtered as (\(filtered)),
                page as (\(pageRows))
                select
                    (select count(*)::int from filtered),
                    coalesce((select json_agg(\(expression) order by \(alias).page_position) from page as \(alias)), '[]'::json)::text,
                    (select \(lastKey) from page as \(alias) order by \(alias).page_position desc limit 1),
                    (select count(*)::int from page)
                """
            let rows = try await database.query(sql.query(statement))
            guard let row = rows.first else { return Page(itemsJSON: "[]", total: 0, lastKey: nil, returnedCount: 0) }
            let (total, items, key, returned) = try row.decode((Int, String, String?, Int).self)
            return Page(itemsJSON: items, total: total, lastKey: key.flatMap(Self.decodeKey), returnedCount: returned)
        case .document(let field, let after, let version):
            // One row per page item (and one without an item when the page
            // is empty, for the count); the documents come from the cache
            // or, for those it lacks, from service_documents.
            let statement = """
                with filtered as (\(filtered)),
                page as (\(pageRows))
                select totals.total, \(alias).id::text, (\(after))::text, \(lastKey)
                from (select count(*)::int as total from filtered) as totals
                left join page as \(alias) on true
                order by \(alias).page_position
                """
            var total = 0
            var entries: [(id: String, after: String)] = []
            var key: String?
            for row in try await database.query(sql.query(statement)) {
                let (rowTotal, id, itemAfter, rowKey) = try row.decode((Int, String?, String?, String?).self)
                total = rowTotal
                if let id, let itemAfter { entries.append((id, itemAfter)); key = rowKey }
            }
            let documents = try await documents(entries.map(\.id), version: version)
            var items = "["
            items.reserveCapacity(entries.count * 2_600)
            var first = true
            var returned = 0
            // a service without a document (its structure is missing) is left out, as the join did
            for (entry, document) in zip(entries, documents) {
                guard let document else { continue }
                if !first { items += "," }
                first = false
                items += "{\"\(field)\":"
                items += document
                items += entry.after
                items += "}"
                returned += 1
            }
            items += "]"
            return Page(itemsJSON: items, total: total, lastKey: key.flatMap(Self.decodeKey), returnedCount: returned)
        }
    }

    private static func decodeKey(_ json: String) -> [String]? {
        try? JSONDecoder().decode([String].self, from: Data(json.utf8))
    }

    /// The search documents of these services in this version (in their
    /// order; nil for a service without one): from the cache, the others
    /// read from service_documents (and kept).
    private func documents(_ ids: [String], version: Version) async throws -> [String?] {
        let (found, missing) = documentCache.lookup(ids, version: version.number)
        guard !missing.isEmpty else { return found }
        var read: [String: String] = [:]
        var binds = PostgresBindings()
        try binds.append(missing)
        let rows = try await database.query(PostgresQuery(unsafeSQL: """
            select id::text, document from \(version.schema).\(SearchTables.documents) where id = any($1::text[])
            """, binds: binds))
        for row in rows {
            let (id, document) = try row.decode((String, String).self)
            read[id] = document
        }
        documentCache.store(read, version: version.number)
        return zip(ids, found).map { id, cached in cached ?? read[id] }
    }

    /// How a page's items are written: a JSON expression over the row, or a
    /// service's search document (ServiceDocuments) under `field`, followed by
    /// the fields `after` gives as JSON text (`,"distance":12`).
    private enum Item {
        case json(String)
        case document(field: String, after: String, version: Version)
    }

    private func binds(_ id: String, _ hidden: [String]) -> PostgresBindings {
        var binds = PostgresBindings()
        try! binds.append(id)
        try! binds.append(hidden)
        return binds
    }
}

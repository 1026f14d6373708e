import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The two searches: `/search/services` (a place, its zones and a radius,
/// over the build's `service_search_points`) and `/search` (full text,
/// ranked as data·inclusion ranks it).
extension MartsReader {
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
        // service_search_points holds only served services (valid, of a valid
        // structure: ServiceSearchPoints), so neither is checked per row here
        var sql = SQLBuilder()
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
}

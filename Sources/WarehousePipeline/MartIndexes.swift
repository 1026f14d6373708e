import WarehouseDatabase

/// Indexes on a mart build's tables, made once the models are built (the
/// model runner creates tables, not indexes): the API's lookups by id,
/// structure and cluster, the spatial index of `/search` (the same point
/// expression as WarehouseAPI's MartsReader.servicePoint), the order of
/// exclure_doublons, the narrow copy `/search/services` filters
/// (ServiceSearchPoints) and the search results' JSON (ServiceDocuments).
enum MartIndexes {
    static func statements(schema: String) -> [String] {
        [
            "create index if not exists structures_id on \(schema).structures (id)",
            "create index if not exists structures_cluster_id on \(schema).structures (cluster_id)",
            "create index if not exists services_id on \(schema).services (id)",
            "create index if not exists services_structure_id on \(schema).services (structure_id)",
            """
            create index if not exists services_point on \(schema).services
            using gist (geography(st_setsrid(st_makepoint(longitude, latitude), 4326)))
            """,
            "create index if not exists services_search_document on \(schema).services using gin (service_search_document(nom, description))",
            // exclure_doublons picks each cluster's representative in this order
            """
            create index if not exists structures_representative on \(schema).structures
            (cluster_id, score_qualite desc, date_maj desc nulls last, id) include (_is_valid, source)
            """,
        ] + ServiceSearchPoints.statements(schema: schema) + ServiceDocuments.statements(schema: schema) + [
            "analyze \(schema).structures",
            "analyze \(schema).services",
        ]
    }

    static func create(in schema: String, database: Database) async throws {
        guard try await database.scalarInt("select count(*) from information_schema.tables where table_schema = '\(schema)' and table_name in ('structures', 'services')") == 2 else { return }
        for statement in statements(schema: schema) { try await database.execute(statement) }
    }
}

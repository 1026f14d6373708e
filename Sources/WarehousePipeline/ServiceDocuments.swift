import WarehouseCore

/// `service_documents`: each valid service of a build as the API serves it in
/// search results (`DetailedService`, with its structure), as JSON text made
/// once when the build is indexed. Building that object took about 35 µs a
/// service at request time, most of a search's cost once the filter was
/// indexed; a search now concatenates the documents of its page. A
/// materialized view like `service_search_points`: it stays with its
/// version's schema, out of publishing, and a build's data never changes
/// after it is made. The same expression (MartsJSON) answers
/// `/services/{id}`, so both say the same of a service.
enum ServiceDocuments {
    static let name = SearchTables.documents

    static func statements(schema: String) -> [String] {
        [
            // ids in collation "C", as in service_search_points: the join compares bytes
            """
            create materialized view if not exists \(schema).\(name) as
            select services.id collate "C" as id,
                   \(MartsJSON.detailedService("services", structureAlias: "structures", schema: schema))::text as document
            from \(schema).services as services
            inner join \(schema).structures as structures on structures.id = services.structure_id
            where services._is_valid
            order by services.id collate "C"
            """,
            "create unique index if not exists service_documents_id on \(schema).\(name) (id)",
            "analyze \(schema).\(name)",
        ]
    }
}

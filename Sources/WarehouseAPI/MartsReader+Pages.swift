import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// A page of a list or a search in one statement, and the search documents
/// its items are made of.
extension MartsReader {
    /// One statement: the filtered rows, their count and the requested page
    /// (by page number, or after the cursor's key) as a JSON array. With
    /// `rowsOf` (a table), `filtered` selects ids only and the page's rows
    /// are read whole from that table: counting 100,000 ids is cheap,
    /// carrying 100,000 whole rows to count them is not.
    func page(sql: inout SQLBuilder, filtered: String, orderKey: String, parameters: ListParameters,
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
    enum Item {
        case json(String)
        case document(field: String, after: String, version: Version)
    }
}

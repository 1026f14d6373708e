import CSV
import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// `warehouse export`: the published marts as JSON lines or CSV.
public enum Exporter {
    public enum Entity: String, Sendable, CaseIterable { case structures, services }
    public enum Format: String, Sendable, CaseIterable { case jsonl, csv }

    public static func fields(of entity: Entity) -> [String] {
        entity == .structures ? V1Fields.structure : V1Fields.service
    }

    /// Writes every published row, ordered by id; returns the number written.
    /// `openData` keeps valid rows of open sources only and masks personal
    /// data (`OpenDataPolicy`).
    public static func export(_ entity: Entity, format: Format, to file: URL, withInternal: Bool,
                              openData: Bool = false, database: Database) async throws -> Int {
        let types = try await columnTypes(of: entity, database: database)
        let v1 = fields(of: entity)
        let columns = withInternal ? v1 + types.map(\.name).filter { !v1.contains($0) } : v1
        let policy = openData ? OpenDataPolicy(entity: entity) : nil
        let value = { (column: String) in policy?.expression(for: column) ?? "t.\(column)" }
        let filter = policy.map { "where \($0.rowFilter)" } ?? ""
        let isArray = Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0.isArray) })
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: file) else {
            throw WarehouseError.unreadableFile(file: file.path, reason: "cannot be written")
        }
        defer { try? handle.close() }
        switch format {
        case .jsonl:
            let select = columns.map { "\(value($0)) as \($0)" }.joined(separator: ", ")
            return try await write(
                "select row_to_json(r)::text from (select \(select) from marts.\(entity.rawValue) as t \(filter) order by t.id) as r",
                to: handle, database: database) { row in Data((try row.decode(String.self) + "\n").utf8) }
        case .csv:
            // Arrays are joined with "," (vocabulary slugs never contain one); NULL is an empty cell.
            let select = columns.map { "coalesce(" + (isArray[$0] == true ? "array_to_string(\(value($0)), ',')" : "(\(value($0)))::text") + ", '')" }
            handle.write(csvLine(columns))
            let sql = "select array[\(select.joined(separator: ", "))] from marts.\(entity.rawValue) as t \(filter) order by t.id"
            return try await write(sql, to: handle, database: database) { row in
                csvLine(try row.decode([String].self))
            }
        }
    }

    private static func write(_ sql: String, to handle: FileHandle, database: Database,
                              encode: (PostgresRow) throws -> Data) async throws -> Int {
        let rows = try await database.client.query(PostgresQuery(unsafeSQL: sql), logger: database.logger)
        var count = 0
        for try await row in rows {
            handle.write(try encode(row))
            count += 1
        }
        return count
    }

    private static func columnTypes(of entity: Entity, database: Database) async throws -> [(name: String, isArray: Bool)] {
        let rows = try await database.query("""
            select column_name, data_type = 'ARRAY' from information_schema.columns
            where table_schema = 'marts' and table_name = \(entity.rawValue) order by ordinal_position
            """)
        guard !rows.isEmpty else {
            throw WarehouseError.nothingPublished(reason: "marts.\(entity.rawValue) does not exist yet; run `warehouse refresh` first")
        }
        return try rows.map { try $0.decode((String, Bool).self) }.map { (name: $0.0, isArray: $0.1) }
    }

    static func csvLine(_ cells: [String]) -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        if let writer = try? CSVWriter(stream: stream) {
            try? writer.write(row: cells)
            writer.stream.close()
        }
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(UInt8(ascii: "\n"))
        return data
    }
}

import CSV
import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Loads each seed CSV as `seeds.<name>`, every column `text`, an empty cell
/// as NULL. A seed whose columns did not change is refilled in place, so the
/// views reading it are not dropped.
public enum SeedLoader {
    public static func loadAll(_ seeds: [SeedDefinition], into database: Database) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for seed in seeds {
            counts[seed.name] = try await load(seed, into: database)
        }
        return counts
    }

    static func load(_ seed: SeedDefinition, into database: Database) async throws -> Int {
        let (header, rows) = try read(seed)
        let table = "seeds.\(SQLText.identifier(seed.name))"
        let records = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(header, row.map { $0.isEmpty ? nil : $0 }))
        }
        let payload = String(decoding: try JSONSerialization.data(withJSONObject: records.map { $0.mapValues { $0 ?? NSNull() as Any } }), as: UTF8.self)
        let existing = try await database.query("""
            select column_name from information_schema.columns
            where table_schema = 'seeds' and table_name = \(seed.name) order by ordinal_position
            """).map { try $0.decode(String.self) }
        let columns = header.map { "\(SQLText.identifier($0)) text" }.joined(separator: ", ")
        try await database.transaction { connection in
            let logger = database.logger
            if existing == header {
                try await connection.execute("truncate \(table)", logger: logger)
            } else {
                try await connection.execute("drop table if exists \(table) cascade", logger: logger)
                try await connection.execute("create table \(table) (\(columns))", logger: logger)
            }
            try await connection.query(PostgresQuery(unsafeSQL: """
                insert into \(table) select * from jsonb_populate_recordset(null::\(table), $1::jsonb)
                """, binds: binds(payload)), logger: logger)
            try await connection.execute(
                "comment on table \(table) is \(SQLText.literal("Seed loaded from dbt-like-models/seeds/\(seed.file.lastPathComponent)"))",
                logger: logger)
        }
        return rows.count
    }

    static func read(_ seed: SeedDefinition) throws -> (header: [String], rows: [[String]]) {
        let text = try String(contentsOf: seed.file, encoding: .utf8)
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        guard let header = reader.headerRow, !header.isEmpty else {
            throw WarehouseError.invalidModelConfig(file: seed.file.path, reason: "a seed needs a header line")
        }
        var rows: [[String]] = []
        while let row = reader.next() {
            guard row.count == header.count else {
                throw WarehouseError.invalidModelConfig(
                    file: seed.file.path, reason: "line \(rows.count + 2) has \(row.count) cells, the header has \(header.count)")
            }
            rows.append(row)
        }
        if let error = reader.error {
            throw WarehouseError.invalidModelConfig(file: seed.file.path, reason: "\(error)")
        }
        return (header, rows)
    }

    private static func binds(_ payload: String) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(payload)
        return bindings
    }
}

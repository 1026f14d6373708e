import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Creates one model's relation from its rendered SQL, then writes its
/// descriptions as `COMMENT ON` so dashboard tools show them.
struct ModelMaterializer {
    let database: Database

    /// Returns the number of rows of the built relation.
    func materialize(_ model: ModelDefinition, sql: String, relation: String) async throws -> Int {
        let logger = database.logger
        try await database.transaction { connection in
            switch model.materialized {
            case .view:
                try await replaceView(relation, sql: sql, on: connection)
            case .table:
                try await drop(relation, unlessItIs: nil, on: connection)
                try await connection.execute("create table \(relation) as \n\(sql)", logger: logger)
                for columns in model.indexes {
                    try await connection.execute("create index on \(relation) (\(columns))", logger: logger)
                }
                try await connection.execute("analyze \(relation)", logger: logger)
            }
            try await comment(model, relation: relation, on: connection)
        }
        return try await database.scalarInt("select count(*) from \(relation)")
    }

    /// `create or replace view` keeps the views that read this one; when the
    /// columns changed it cannot, and the view is dropped and made again.
    private func replaceView(_ relation: String, sql: String, on connection: PostgresConnection) async throws {
        let logger = database.logger
        try await drop(relation, unlessItIs: "v", on: connection)
        try await connection.execute("savepoint replace_view", logger: logger)
        do {
            try await connection.execute("create or replace view \(relation) as \n\(sql)", logger: logger)
            try await connection.execute("release savepoint replace_view", logger: logger)
        } catch where databaseErrorCode(error) == "42P16" || databaseErrorCode(error) == "42804" {
            try await connection.execute("rollback to savepoint replace_view", logger: logger)
            try await connection.execute("drop view if exists \(relation) cascade", logger: logger)
            try await connection.execute("create view \(relation) as \n\(sql)", logger: logger)
        }
    }

    /// Drops the relation whatever its kind (view or table), unless it is of
    /// the kind given (`v` view, `r` table), which the caller replaces in place.
    private func drop(_ relation: String, unlessItIs keptKind: String?, on connection: PostgresConnection) async throws {
        let rows = try await connection.query(
            "select relkind::text from pg_class where oid = to_regclass(\(relation))", logger: database.logger).collect()
        guard let kind = try rows.first?.decode(String.self), kind != keptKind else { return }
        let keyword = kind == "v" ? "view" : (kind == "m" ? "materialized view" : "table")
        try await connection.execute("drop \(keyword) \(relation) cascade", logger: database.logger)
    }

    private func comment(_ model: ModelDefinition, relation: String, on connection: PostgresConnection) async throws {
        let logger = database.logger
        let kind = model.materialized == .view ? "view" : "table"
        if let description = model.description {
            try await connection.execute("comment on \(kind) \(relation) is \(SQLText.literal(description))", logger: logger)
        }
        let parts = relation.split(separator: ".").map(String.init)
        let existing = Set(try await connection.query("""
            select column_name from information_schema.columns
            where table_schema = \(parts[0]) and table_name = \(parts[1])
            """, logger: logger).collect().map { try $0.decode(String.self) })
        for column in model.columns {
            guard existing.contains(column.name) else {
                throw WarehouseError.invalidModelConfig(
                    file: model.file.path, reason: "the YAML describes column '\(column.name)', which the model does not produce")
            }
            guard let description = column.description else { continue }
            try await connection.execute(
                "comment on column \(relation).\(SQLText.identifier(column.name)) is \(SQLText.literal(description))",
                logger: logger)
        }
    }
}

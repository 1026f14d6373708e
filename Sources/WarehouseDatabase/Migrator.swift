import Foundation
import Logging
import PostgresNIO
import WarehouseCore

/// Applies `sql/migrations/*.sql` in file-name order, each file once and in
/// its own transaction, recording it in `ops.schema_migrations`; then the
/// function files of `sql/functions/` that changed since they were last
/// applied (`FunctionFiles`).
public struct Migrator: Sendable {
    public let directory: URL
    /// `sql/functions`, beside the migrations folder.
    public let functionsDirectory: URL

    public init(directory: URL, functionsDirectory: URL? = nil) {
        self.directory = directory
        self.functionsDirectory = functionsDirectory
            ?? directory.deletingLastPathComponent().appendingPathComponent("functions")
    }

    /// The migration files, sorted: their names start with a number.
    public func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "sql" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Returns the names of the files applied by this call.
    @discardableResult
    public func migrate(_ database: Database) async throws -> [String] {
        try await ExtensionCheck.requireAvailable(database)
        let logger = database.logger
        return try await database.client.withConnection { connection in
            // One migrator at a time per database (parallel test set-up, two operators).
            try await connection.query("select pg_advisory_lock(7011984)", logger: logger)
            do {
                let applied = try await migrate(on: connection, logger: logger)
                try await WarehouseRoleGrants.reconcile(on: connection, user: database.url.username,
                                                        justMigrated: !applied.isEmpty, logger: logger)
                try await connection.query("select pg_advisory_unlock(7011984)", logger: logger)
                return applied
            } catch {
                _ = try? await connection.query("select pg_advisory_unlock(7011984)", logger: logger)
                throw error
            }
        }
    }

    private func migrate(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
            try await connection.execute("""
                create schema if not exists ops;
                """, logger: logger)
            try await connection.execute("""
                create table if not exists ops.schema_migrations (
                    file_name text primary key,
                    applied_at timestamptz not null default now()
                )
                """, logger: logger)
            let applied = try await connection.query("select file_name from ops.schema_migrations", logger: logger)
                .collect().map { try $0.decode(String.self) }
            var newlyApplied: [String] = []
            for file in try files() where !applied.contains(file.lastPathComponent) {
                try await apply(file, on: connection, logger: logger)
                newlyApplied.append(file.lastPathComponent)
            }
            let functions = try await FunctionFiles(directory: functionsDirectory).apply(on: connection, logger: logger)
            return newlyApplied + functions.map { "functions/\($0)" }
    }

    private func apply(_ file: URL, on connection: PostgresConnection, logger: Logger) async throws {
        let name = file.lastPathComponent
        let script = try String(contentsOf: file, encoding: .utf8)
        let statements = SQLStatementSplitter.split(script)
        try await connection.transaction(logger: logger) { connection in
            for (index, statement) in statements.enumerated() {
                do {
                    try await connection.execute(statement, logger: logger)
                } catch {
                    throw WarehouseError.migrationFailed(file: name, statementIndex: index, reason: databaseErrorMessage(error))
                }
            }
            try await connection.query("insert into ops.schema_migrations (file_name) values (\(name))", logger: logger)
        }
        logger.info("applied migration", metadata: ["file": "\(name)"])
    }
}

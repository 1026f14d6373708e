import Foundation
import Logging
import PostgresNIO
import WarehouseCore

/// A connection pool to one warehouse database, with the few ways of talking
/// to it the warehouse needs. Every SQL text sent here is one statement.
public struct Database: Sendable {
    public let client: PostgresClient
    public let url: DatabaseURL
    public let logger: Logger

    /// Opens a pool for the duration of `body`, then closes it. `settings`
    /// are server parameters every connection of the pool starts with.
    public static func with<T: Sendable>(
        _ url: DatabaseURL, logger: Logger = Logger(label: "warehouse.database"),
        settings: [(String, String)] = [],
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let tagged = settings.contains { $0.0 == "application_name" } ? settings : settings + [("application_name", ProcessTag.applicationName)]
        let client = PostgresClient(configuration: url.clientConfiguration(settings: tagged), backgroundLogger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            // Let run() start before the first lease, which otherwise logs a warning.
            for _ in 0..<3 { await Task.yield() }
            let database = Database(client: client, url: url, logger: logger)
            try await database.checkReachable()
            return try await body(database)
        }
    }

    private func checkReachable() async throws {
        do {
            _ = try await client.query("select 1", logger: logger).collect()
        } catch {
            throw WarehouseError.databaseUnreachable(url: url.description, reason: databaseErrorMessage(error))
        }
    }

    /// Runs one statement built by the warehouse (model SQL, DDL), discarding rows.
    public func execute(_ sql: String) async throws {
        _ = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
    }

    /// The rows of one statement built by the warehouse (no user values in it).
    public func rows(_ sql: String) async throws -> [PostgresRow] {
        try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
    }

    /// Runs one statement whose values are binds.
    public func query(_ query: PostgresQuery) async throws -> [PostgresRow] {
        try await client.query(query, logger: logger).collect()
    }

    /// Runs `body` inside one transaction on one connection: committed when
    /// it returns, rolled back when it throws.
    public func transaction<T: Sendable>(
        _ body: @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await client.withConnection { connection in
            try await connection.transaction(logger: logger, body)
        }
    }

    /// A single integer from a query such as `select count(*) …`.
    public func scalarInt(_ sql: String) async throws -> Int {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect()
        guard let row = rows.first else { return 0 }
        return try row.decode(Int?.self) ?? 0
    }
}

extension PostgresConnection {
    /// postgres-nio's `withTransaction`, throwing the body's own error rather
    /// than the `PostgresTransactionError` around it, so that callers still
    /// read its SQLSTATE and message (`databaseErrorCode`, `databaseErrorMessage`).
    public func transaction<T: Sendable>(
        logger: Logger, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            throw error.closureError ?? error.commitError ?? error.beginError ?? error
        }
    }

    /// Runs one statement built by the warehouse on this connection.
    public func execute(_ sql: String, logger: Logger) async throws {
        try await query(PostgresQuery(unsafeSQL: sql), logger: logger)
    }
}

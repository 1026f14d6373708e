import Foundation
import Logging
import WarehouseCore
import WarehouseDatabase

/// What every command needs: the project folders and a migrated database.
public struct WarehouseContext: Sendable {
    public let layout: ProjectLayout
    public let databaseURL: DatabaseURL
    public let logger: Logger

    public init(layout: ProjectLayout, databaseURL: DatabaseURL, logger: Logger) {
        self.layout = layout
        self.databaseURL = databaseURL
        self.logger = logger
    }

    /// Opens the database, applies pending migrations, marks runs whose
    /// process died as abandoned, then runs `body`.
    public func withDatabase<T: Sendable>(settings: [(String, String)] = [],
                                          _ body: @Sendable (Database) async throws -> T) async throws -> T {
        let migrations = Migrator(directory: layout.migrationsDirectory)
        return try await Database.with(databaseURL, logger: logger, settings: settings) { database in
            try await migrations.migrate(database)
            try await RunRegistry(database).markAbandonedRuns()
            return try await body(database)
        }
    }
}

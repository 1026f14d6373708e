import Foundation
import Logging
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline

/// A real PostgreSQL for tests: the server of `DATABASE_URL` (the test
/// command exports it), else the embedded cluster, started on demand. The
/// migrations run once into a template database; every test then works on
/// its own `CREATE DATABASE … TEMPLATE` copy, so suites run in parallel. A
/// missing server is an error, never a skip.
public enum TestDatabase {
    public static let layout = ProjectLayout(
        root: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent())

    public static var fixtures: URL { layout.root.appendingPathComponent("Tests/Fixtures") }
    public static var demoSnapshots: URL { layout.demoSnapshotsDirectory }

    public static var logger: Logger {
        var logger = Logger(label: "warehouse.tests")
        logger.logLevel = .error
        return logger
    }

    /// Runs `body` with a context on a fresh, migrated database, dropped afterwards.
    public static func withFreshContext<T: Sendable>(_ body: @Sendable (WarehouseContext) async throws -> T) async throws -> T {
        let server = try serverURL()
        let template = try await TemplateRegistry.shared.template(on: server)
        let name = "test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await admin(server) { try await $0.execute("create database \(name) template \(template)") }
        let context = WarehouseContext(layout: layout, databaseURL: server.with(database: name), logger: logger)
        do {
            let value = try await body(context)
            try await admin(server) { try await $0.execute("drop database if exists \(name) with (force)") }
            return value
        } catch {
            try? await admin(server) { try await $0.execute("drop database if exists \(name) with (force)") }
            throw error
        }
    }

    /// Same, handing over an open database.
    public static func withFreshDatabase<T: Sendable>(_ body: @Sendable (Database, WarehouseContext) async throws -> T) async throws -> T {
        try await withFreshContext { context in
            try await context.withDatabase { database in try await body(database, context) }
        }
    }

    static func serverURL() throws -> DatabaseURL {
        if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
            return try DatabaseURL(parsing: url)
        }
        return try EmbeddedCluster.fromEnvironment().start()
    }

    static func admin(_ server: DatabaseURL, _ body: @Sendable (Database) async throws -> Void) async throws {
        try await Database.with(server.with(database: "postgres"), logger: logger, body)
    }
}

/// Creates the migrated template once per test process.
actor TemplateRegistry {
    static let shared = TemplateRegistry()
    private var ready: Task<String, any Error>?

    func template(on server: DatabaseURL) async throws -> String {
        if let ready { return try await ready.value }
        let task = Task { try await Self.build(on: server) }
        ready = task
        return try await task.value
    }

    private static func build(on server: DatabaseURL) async throws -> String {
        let name = "warehouse_test_template_\(getpid())"
        try await TestDatabase.admin(server) { database in
            try await database.execute("drop database if exists \(name) with (force)")
            try await database.execute("create database \(name)")
        }
        let migrations = Migrator(directory: TestDatabase.layout.migrationsDirectory)
        try await Database.with(server.with(database: name), logger: TestDatabase.logger) { database in
            try await migrations.migrate(database)
        }
        return name
    }
}

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

    /// What a fresh test database starts from.
    public enum Starting: Sendable {
        /// Migrated, empty.
        case empty
        /// The bundled demo snapshots refreshed and published once per test
        /// process, then copied for each test that only reads them.
        case refreshedDemo
    }

    /// Runs `body` with a context on a fresh, migrated database, dropped afterwards.
    public static func withFreshContext<T: Sendable>(
        from starting: Starting = .empty, _ body: @Sendable (WarehouseContext) async throws -> T
    ) async throws -> T {
        let server = try serverURL()
        let template = starting == .empty
            ? try await TemplateRegistry.shared.template(on: server)
            : try await TemplateRegistry.shared.refreshedDemoTemplate(on: server)
        let name = "test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        try await createCopy(named: name, of: template, on: server)
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
    public static func withFreshDatabase<T: Sendable>(
        from starting: Starting = .empty, _ body: @Sendable (Database, WarehouseContext) async throws -> T
    ) async throws -> T {
        try await withFreshContext(from: starting) { context in
            try await context.withDatabase { database in try await body(database, context) }
        }
    }

    /// `CREATE DATABASE … TEMPLATE` fails while a session is still attached
    /// to the template (a pool that is closing): wait a little and try again.
    static func createCopy(named name: String, of template: String, on server: DatabaseURL) async throws {
        for attempt in 1...50 {
            do {
                try await admin(server) { try await $0.execute("create database \(name) template \(template)") }
                return
            } catch where databaseErrorCode(error) == "55006" && attempt < 50 {
                try await Task.sleep(for: .milliseconds(200))
            } catch {
                throw TestDatabaseError(message: "create database \(name) template \(template): \(databaseErrorMessage(error))")
            }
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

struct TestDatabaseError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

struct DemoRefreshFailed: Error, CustomStringConvertible {
    let reason: String
    var description: String { "the demo refresh did not publish: \(reason)" }
}

/// Creates the migrated template (and the refreshed demo) once per test process.
actor TemplateRegistry {
    static let shared = TemplateRegistry()
    private var ready: Task<String, any Error>?
    private var demoReady: Task<String, any Error>?

    func refreshedDemoTemplate(on server: DatabaseURL) async throws -> String {
        if let demoReady { return try await demoReady.value }
        // The task is stored before any suspension, so callers arriving while
        // it runs wait for it rather than building a second demo.
        let task = Task { try await Self.buildDemo(from: try await self.template(on: server), on: server) }
        demoReady = task
        return try await task.value
    }

    private static func buildDemo(from migrated: String, on server: DatabaseURL) async throws -> String {
        let name = "warehouse_test_demo_\(getpid())"
        try await TestDatabase.admin(server) { try await $0.execute("drop database if exists \(name) with (force)") }
        try await TestDatabase.createCopy(named: name, of: migrated, on: server)
        let context = WarehouseContext(layout: TestDatabase.layout, databaseURL: server.with(database: name), logger: TestDatabase.logger)
        let report = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots, progress: .silent)
        guard report.publishedVersion != nil else { throw DemoRefreshFailed(reason: report.failure ?? report.status) }
        return name
    }

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

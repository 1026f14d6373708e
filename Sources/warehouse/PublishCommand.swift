import ArgumentParser
import WarehouseDatabase
import WarehousePipeline

struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Point the marts.* views at the newest mart version built by `warehouse models run`, in one transaction."
    )

    @OptionGroup var lock: RunLockOptions
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let (build, counts) = try await Operations.publishLatest(context: try options.context(), waitForLock: lock.waitForLock,
                                                                     progress: options.progress)
            print("Published version \(build.version) (\(build.schema)):")
            for (table, rows) in counts.sorted(by: { $0.key < $1.key }) { print("  marts.\(table): \(rows) rows") }
        }
    }
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the pending migrations, then the SQL function files that changed; say which.",
        discussion: """
            Every command migrates before it works; this does it (and shows it) ahead of a refresh or a \
            deployment. A migration (sql/migrations) runs once; a function file (sql/functions/<area>/*.sql) \
            runs again whenever its content changes, recorded in ops.function_files.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let context = try options.context()
            let applied = try await Database.with(context.databaseURL, logger: context.logger) { database in
                try await Migrator(directory: context.layout.migrationsDirectory).migrate(database)
            }
            for name in applied { print("applied \(name)") }
            print("Database \(context.databaseURL) is up to date.")
        }
    }
}

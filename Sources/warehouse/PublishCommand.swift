import ArgumentParser
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
        abstract: "Apply pending migrations from sql/migrations (every command does this first)."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let context = try options.context()
            try await context.withDatabase { _ in }
            print("Database \(context.databaseURL) is up to date.")
        }
    }
}

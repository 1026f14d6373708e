import ArgumentParser
import Foundation
import Logging
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline

/// Options every database command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("PostgreSQL URL (postgres://user@host:port/db). Default: DATABASE_URL, else the embedded cluster.", valueName: "url"))
    var databaseURL: String?

    @Option(name: .long, help: ArgumentHelp("The project folder holding sql/ and dbt-like-models/. Default: found from the current folder.", valueName: "dir"))
    var projectDir: String?

    @Flag(name: .shortAndLong, help: "Print only the final summary, no progress lines.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Log what the warehouse does (info level) on standard error.")
    var verbose = false

    var progress: ProgressReporter { ProgressReporter(isQuiet: quiet) }

    func context() throws -> WarehouseContext {
        LoggingBootstrap.once(level: verbose ? .info : .warning)
        var logger = Logger(label: "warehouse.cli")
        logger.logLevel = verbose ? .info : .warning
        return WarehouseContext(layout: try ProjectLayout.locate(explicit: projectDir),
                                databaseURL: try DatabaseTarget.resolve(explicitURL: databaseURL), logger: logger)
    }
}

enum LoggingBootstrap {
    nonisolated(unsafe) private static var done = false

    static func once(level: Logger.Level) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}

/// Turns a warehouse error into a clean message and exit code.
func reportingErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as WarehouseError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        FileHandle.standardError.write(Data("error: \(databaseErrorMessage(error))\n".utf8))
        throw ExitCode.failure
    }
}

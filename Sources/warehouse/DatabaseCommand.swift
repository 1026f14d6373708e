import ArgumentParser
import Foundation
import WarehouseDatabase

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Start, stop and locate the embedded PostgreSQL cluster under $WAREHOUSE_HOME (default ./.warehouse).",
        discussion: "Run as root, the server runs as the unprivileged 'postgres' user, which owns the data folder.",
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Initialize (first time) and start the cluster; print its URL. Idempotent.")
        func run() async throws {
            try await reportingErrors { print(try EmbeddedCluster.fromEnvironment().start().connectionString) }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the cluster (fast shutdown). Idempotent.")
        func run() async throws {
            try await reportingErrors {
                try EmbeddedCluster.fromEnvironment().stop()
                print("stopped")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the cluster is running, and where.")
        func run() async throws {
            try await reportingErrors {
                let cluster = EmbeddedCluster.fromEnvironment()
                switch try cluster.status() {
                case .notInitialized: print("not initialized (\(cluster.home.path)); `warehouse db start` creates it")
                case .stopped: print("stopped (\(cluster.home.path))")
                case .running: print("running: \(try cluster.runningURL()?.connectionString ?? "")")
                }
            }
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "url", abstract: "Print the URL of the running cluster (exit 1 when stopped).")
        func run() async throws {
            try await reportingErrors {
                guard let url = try EmbeddedCluster.fromEnvironment().runningURL() else {
                    FileHandle.standardError.write(Data("the embedded cluster is not running; `warehouse db start` starts it\n".utf8))
                    throw ExitCode.failure
                }
                print(url.connectionString)
            }
        }
    }
}

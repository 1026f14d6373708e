import ArgumentParser
import Foundation
import WarehouseDatabase

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Start, stop and locate the embedded PostgreSQL cluster under $WAREHOUSE_HOME (default ./.warehouse).",
        discussion: """
            Run as root, the server runs as the unprivileged 'postgres' user, which owns the data folder. \
            Every connection needs a password: the owner's (postgres), warehouse_api's and warehouse_analyst's \
            are made at the first start and kept in $WAREHOUSE_HOME/secrets (readable by you only).
            """,
        subcommands: [Start.self, Stop.self, Status.self, URLCommand.self]
    )

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Initialize (first time) and start the cluster; print the owner's URL, password included. Idempotent.")
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
                case .running: print("running: \(try cluster.runningURL()?.description ?? "") (`warehouse db url` prints it with the password)")
                }
            }
        }
    }

    struct URLCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "url",
            abstract: "Print the URL of the running cluster with a role's password (exit 1 when stopped).",
            discussion: "owner: migrations and refreshes; api: what `warehouse serve` reads with; analyst: read-only on marts, reporting, dedup and ops, for dashboards."
        )

        @Option(help: "Whose URL: owner, api or analyst.") var role: WarehouseRole = .owner

        func run() async throws {
            try await reportingErrors {
                guard let url = try EmbeddedCluster.fromEnvironment().runningURL(role: role) else {
                    FileHandle.standardError.write(Data("the embedded cluster is not running; `warehouse db start` starts it\n".utf8))
                    throw ExitCode.failure
                }
                print(url.connectionString)
            }
        }
    }
}

extension WarehouseRole: ExpressibleByArgument {}

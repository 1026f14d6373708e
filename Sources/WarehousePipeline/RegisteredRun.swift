import Foundation
import WarehouseCore
import WarehouseDatabase

/// How a run ended, for the run registry.
public struct RunEnding: Sendable {
    public let status: String
    public let publishedVersion: Int64?
    public let error: String?

    public init(status: String, publishedVersion: Int64? = nil, error: String? = nil) {
        self.status = status
        self.publishedVersion = publishedVersion
        self.error = error
    }
}

/// Every command that changes the warehouse (refresh, load, models run and
/// test, publish) runs through here: it takes the run lock (waiting, with a
/// message naming the run under way, unless `waitForLock` is false), marks
/// runs whose process died as abandoned and drops their builds, registers
/// the run, and records how it ended, also when it throws.
enum RegisteredRun {
    static func perform<T: Sendable>(
        _ command: String, snapshots: String? = nil, database: Database, waitForLock: Bool,
        progress: ProgressReporter, _ body: @Sendable (Int64) async throws -> (T, RunEnding)
    ) async throws -> T {
        try await RunLock.holding(database, wait: waitForLock, onWait: { progress.warned("run lock", reason: $0) }) { pid in
            let registry = RunRegistry(database)
            try await registry.markAbandonedRuns()
            try await Publisher(database).retireOldVersions()
            let runID = try await registry.begin(command: command, snapshotsDirectory: snapshots, lockBackendPID: pid)
            do {
                let (value, ending) = try await body(runID)
                try await registry.finish(runID: runID, status: ending.status, publishedVersion: ending.publishedVersion,
                                          error: ending.error)
                return value
            } catch {
                let message = (error as? WarehouseError)?.description ?? databaseErrorMessage(error)
                try? await registry.finish(runID: runID, status: "failed", error: message)
                throw error
            }
        }
    }
}

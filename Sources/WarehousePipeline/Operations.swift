import Foundation
import WarehouseCore
import WarehouseDatabase
import WarehouseLoaders
import WarehouseModels

/// The stand-alone verbs (`load`, `models run|test`, `publish`), each
/// recorded as a run of its own.
public enum Operations {
    /// `warehouse load`: snapshot files into raw tables only.
    public static func load(context: WarehouseContext, snapshots: URL, loadPolicy: LoadPolicy = .default,
                            waitForLock: Bool = true, progress: ProgressReporter) async throws -> [SourceLoadResult] {
        try await context.withDatabase { database in
            try await recorded("load", snapshots: snapshots.path, database: database, waitForLock: waitForLock,
                               progress: progress) { runID in
                let results = try await Loading.loadAll(snapshotsDirectory: snapshots, runID: runID, database: database,
                                                        policy: loadPolicy, progress: progress)
                let failed = results.filter { [.failed, .held].contains($0.status) }.map(\.source)
                return (results, failed.isEmpty ? "succeeded" : "partial")
            }
        }
    }

    /// `warehouse models run`: builds models into a new (unpublished) mart version.
    public static func runModels(context: WarehouseContext, selector: String?, waitForLock: Bool = true,
                                 progress: ProgressReporter) async throws -> (Publisher.BuildVersion, [ModelRunResult]) {
        let project = try ModelProject.load(from: context.layout.modelsDirectory)
        let selection = try selector.map { try project.graph.select($0) }
        return try await context.withDatabase { database in
            try await recorded("models run", database: database, waitForLock: waitForLock, progress: progress) { runID in
                let (build, results) = try await ModelStage.run(project: project, database: database, runID: runID,
                                                                selection: selection, progress: progress)
                return ((build, results), results.contains { $0.status != .succeeded } ? "failed" : "succeeded")
            }
        }
    }

    /// `warehouse models test`: tests the newest mart version built.
    public static func testModels(context: WarehouseContext, selector: String?, waitForLock: Bool = true,
                                  progress: ProgressReporter) async throws -> [TestOutcome] {
        let project = try ModelProject.load(from: context.layout.modelsDirectory)
        let selection = try selector.map { try project.graph.select($0) }
        return try await context.withDatabase { database in
            try await recorded("models test", database: database, waitForLock: waitForLock, progress: progress) { runID in
                guard let build = try await Publisher(database).latestBuildVersion() else {
                    throw WarehouseError.nothingPublished(reason: "no models were built yet; run `warehouse models run` first")
                }
                let outcomes = try await ModelStage.test(project: project, database: database, runID: runID, build: build,
                                                         selection: selection, progress: progress)
                return (outcomes, outcomes.contains(where: \.blocksPublishing) ? "failed" : "succeeded")
            }
        }
    }

    /// `warehouse publish`: publishes the newest mart version built.
    public static func publishLatest(context: WarehouseContext, waitForLock: Bool = true,
                                     progress: ProgressReporter = .silent) async throws -> (Publisher.BuildVersion, [String: Int]) {
        try await context.withDatabase { database in
            try await recorded("publish", database: database, waitForLock: waitForLock, progress: progress) { _ in
                // Read under the lock: a run finishing meanwhile may have built a newer version.
                guard let build = try await Publisher(database).latestBuildVersion() else {
                    throw WarehouseError.nothingPublished(reason: "no models were built yet; run `warehouse models run` first")
                }
                return ((build, try await Publisher(database).publish(build)), "succeeded")
            }
        }
    }

    private static func recorded<T: Sendable>(_ command: String, snapshots: String? = nil, database: Database,
                                              waitForLock: Bool = true, progress: ProgressReporter = .silent,
                                              _ body: @Sendable (Int64) async throws -> (T, String)) async throws -> T {
        try await RegisteredRun.perform(command, snapshots: snapshots, database: database, waitForLock: waitForLock,
                                        progress: progress) { runID in
            let (value, status) = try await body(runID)
            return (value, RunEnding(status: status))
        }
    }
}

import Foundation
import WarehouseCore
import WarehouseDatabase
import WarehouseLoaders
import WarehouseModels

/// `warehouse refresh`: load every source, build the models, test them and
/// publish the marts in one transaction. The published marts change only
/// when models and error-severity tests all pass, or when every test that
/// fails is one source's own fault (that source is then quarantined).
public enum Refresh {
    public struct Options: Sendable {
        public var geocoder: GeocoderConfiguration?
        public var loadPolicy: LoadPolicy
        public var waitForLock: Bool

        public init(geocoder: GeocoderConfiguration? = nil, loadPolicy: LoadPolicy = .default, waitForLock: Bool = true) {
            self.geocoder = geocoder
            self.loadPolicy = loadPolicy
            self.waitForLock = waitForLock
        }
    }

    public struct Report: Sendable {
        public let runID: Int64
        public let status: String
        public let sources: [SourceLoadResult]
        public let models: [ModelRunResult]
        public let tests: [TestOutcome]
        public let quarantined: [QuarantinedSource]
        public let publishedVersion: Int64?
        public let publishedCounts: [String: Int]
        public let failure: String?
        public let seconds: Double

        public var failedSources: [String] { sources.filter { $0.status == .failed }.map(\.source) }
        public var heldSources: [String] { sources.filter { $0.status == .held }.map(\.source) }
        /// Whether the operator must look: something failed, was held back or quarantined.
        public var needsAttention: Bool {
            failure != nil || !failedSources.isEmpty || !heldSources.isEmpty || !quarantined.isEmpty
        }
    }

    public struct QuarantinedSource: Sendable {
        public let source: String
        public let failingTests: [String]
        public let carriedFromVersion: Int64?
        public let rowsCarried: [String: Int]
    }

    public static func run(context: WarehouseContext, snapshots: URL, geocoder: GeocoderConfiguration? = nil,
                           progress: ProgressReporter) async throws -> Report {
        try await run(context: context, snapshots: snapshots, options: Options(geocoder: geocoder), progress: progress)
    }

    public static func run(context: WarehouseContext, snapshots: URL, options: Options,
                           progress: ProgressReporter) async throws -> Report {
        let start = Date()
        let project = try ModelProject.load(from: context.layout.modelsDirectory)
        return try await context.withDatabase { database in
            try await RegisteredRun.perform("refresh", snapshots: snapshots.path, database: database,
                                            waitForLock: options.waitForLock, progress: progress) { runID in
                let report = try await run(runID: runID, project: project, database: database, snapshots: snapshots,
                                           options: options, progress: progress, start: start)
                return (report, RunEnding(status: report.status, publishedVersion: report.publishedVersion, error: report.failure))
            }
        }
    }

    private static func run(runID: Int64, project: ModelProject, database: Database, snapshots: URL,
                            options: Options, progress: ProgressReporter, start: Date) async throws -> Report {
        let registry = RunRegistry(database)
        let sources = try await Loading.loadAll(snapshotsDirectory: snapshots, runID: runID, database: database,
                                                policy: options.loadPolicy, progress: progress)
        if let geocoder = options.geocoder {
            try await geocode(with: geocoder, project: project, database: database, runID: runID, progress: progress)
        }
        let (build, models) = try await ModelStage.run(project: project, database: database, runID: runID,
                                                       selection: nil, createIndexes: false, progress: progress)
        var tests: [TestOutcome] = []
        var quarantined: [QuarantinedSource] = []
        var failure: String?
        if let failed = models.first(where: { $0.status == .failed }) {
            failure = "model \(failed.model) failed: \(failed.error ?? "")"
        } else {
            // Clusters before tests, so that the tests judge the published cluster ids.
            progress.started("dedup")
            let clustering = try await StructureClustering(database).run(buildSchema: build.schema, runID: runID)
            try await registry.recordStep(runID: runID, step: "dedup", subject: build.schema, status: "succeeded",
                                          seconds: clustering.seconds)
            progress.finished("dedup", detail: clustering.line, seconds: clustering.seconds)
            try await ModelStage.createIndexes(of: build, database: database, progress: progress)
            tests = try await ModelStage.test(project: project, database: database, runID: runID, build: build,
                                              selection: nil, progress: progress)
            let blocking = tests.filter(\.blocksPublishing)
            if !blocking.isEmpty {
                let runner = ModelRunner(project: project, database: database,
                                         resolver: ModelStage.resolver(for: project, build: build), runID: runID, progress: .silent)
                let quarantine = QuarantineStep(database: database, runner: runner, build: build, runID: runID, progress: progress)
                if let done = try await quarantine.run(blocking: blocking) {
                    quarantined = done
                } else {
                    failure = WarehouseError.testsFailed(count: blocking.count, names: blocking.map(\.test.name)).description
                }
            }
        }
        var counts: [String: Int] = [:]
        var published: Int64?
        if failure == nil {
            let (publishedCounts, seconds) = try await measure { try await Publisher(database).publish(build) }
            counts = publishedCounts
            published = build.version
            try await registry.recordStep(runID: runID, step: "publish", subject: build.schema, status: "succeeded", seconds: seconds)
            progress.finished("publish", detail: "marts now point at \(build.schema)", seconds: seconds)
        } else {
            try await Publisher(database).retireOldVersions()
        }
        let troubled = sources.contains { [.failed, .held].contains($0.status) } || !quarantined.isEmpty
        let status = failure != nil ? "failed" : (troubled ? "partial" : "succeeded")
        return Report(runID: runID, status: status, sources: sources, models: models, tests: tests, quarantined: quarantined,
                      publishedVersion: published, publishedCounts: counts, failure: failure,
                      seconds: Date().timeIntervalSince(start))
    }

    /// Builds the views that list the addresses (they read the raw data just
    /// loaded), sends the addresses the cache lacks to the geocoder, then lets
    /// the full model run pick the cached results up.
    private static func geocode(with configuration: GeocoderConfiguration, project: ModelProject, database: Database,
                                runID: Int64, progress: ProgressReporter) async throws {
        let registry = RunRegistry(database)
        let inputs = try project.graph.select("+\(AddressGeocoding.inputsModel)")
        let runner = ModelRunner(project: project, database: database, resolver: RelationResolver(project: project),
                                 runID: runID, progress: .silent)
        if let failed = try await runner.run(selection: inputs).first(where: { $0.status != .succeeded }) {
            throw WarehouseError.modelFailed(model: failed.model, reason: "needed to list the addresses to geocode: \(failed.error ?? failed.status.rawValue)")
        }
        progress.started("geocode")
        let summary = try await AddressGeocoding(database, configuration: configuration).run(progress: progress)
        try await registry.recordStep(runID: runID, step: "geocode", subject: configuration.url.absoluteString,
                                      status: "succeeded", rowsOut: summary.sent, seconds: summary.seconds)
        progress.finished("geocode", detail: summary.line, seconds: summary.seconds)
    }
}

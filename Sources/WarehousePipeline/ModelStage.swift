import Foundation
import WarehouseCore
import WarehouseDatabase
import WarehouseLoaders
import WarehouseModels

/// Building and testing models against a mart build version.
public enum ModelStage {
    public struct Outcome: Sendable {
        public let build: Publisher.BuildVersion
        public let models: [ModelRunResult]
        public let tests: [TestOutcome]

        public var failedModels: [ModelRunResult] { models.filter { $0.status != .succeeded } }
        public var blockingTests: [TestOutcome] { tests.filter(\.blocksPublishing) }
    }

    public static func resolver(for project: ModelProject, build: Publisher.BuildVersion) -> RelationResolver {
        RelationResolver(project: project, schemaOverrides: [ProjectConfiguration.publishedLayer: build.schema])
    }

    /// Builds the selected models (all when nil) into a new mart version,
    /// then its indexes unless `createIndexes` is false (a refresh makes them
    /// after clustering: writing cluster_id into indexed tables costs more).
    public static func run(project: ModelProject, database: Database, runID: Int64, selection: Set<String>?,
                           createIndexes: Bool = true,
                           progress: ProgressReporter) async throws -> (Publisher.BuildVersion, [ModelRunResult]) {
        try await RawLayer.ensureTables(database)
        let publisher = Publisher(database)
        let build = try await publisher.createBuildVersion(runID: runID)
        // A partial selection builds on the previous version: copy its marts.
        if selection != nil, let previous = try await previousBuild(before: build, publisher: publisher) {
            try await copyTables(from: previous.schema, to: build.schema, database: database)
        }
        let runner = ModelRunner(project: project, database: database, resolver: resolver(for: project, build: build),
                                 runID: runID, progress: progress)
        let results = try await runner.run(selection: selection.map { dependentsNeedingRebuild(project, $0) })
        if createIndexes, results.allSatisfy({ $0.status == .succeeded }) {
            try await self.createIndexes(of: build, database: database, progress: progress)
        }
        return (build, results)
    }

    /// The API's indexes on a build's marts (MartIndexes).
    public static func createIndexes(of build: Publisher.BuildVersion, database: Database, progress: ProgressReporter) async throws {
        let (_, seconds) = try await measure { try await MartIndexes.create(in: build.schema, database: database) }
        progress.finished("indexes", detail: "ids, clusters, service points, search and representatives of \(build.schema)",
                          seconds: seconds)
    }

    /// With a selection, only the selected models are built; descendants are
    /// rebuilt only when they are views that a drop … cascade removed.
    static func dependentsNeedingRebuild(_ project: ModelProject, _ selection: Set<String>) -> Set<String> {
        selection.union(project.graph.descendants(of: selection).filter { project.model(named: $0)?.materialized == .view })
    }

    private static func previousBuild(before build: Publisher.BuildVersion, publisher: Publisher) async throws -> Publisher.BuildVersion? {
        let rows = try await publisher.database.query("""
            select version, schema_name from ops.published_versions
            where retired_at is null and version < \(build.version) order by version desc limit 1
            """)
        return try rows.first.map { row in
            let (version, schema) = try row.decode((Int64, String).self)
            return Publisher.BuildVersion(version: version, schema: schema)
        }
    }

    private static func copyTables(from source: String, to target: String, database: Database) async throws {
        let tables = try await database.query("""
            select table_name from information_schema.tables where table_schema = \(source) and table_type = 'BASE TABLE'
            """).map { try $0.decode(String.self) }
        for table in tables {
            try await database.execute("create table \(target).\(table) as table \(source).\(table)")
        }
    }

    public static func test(project: ModelProject, database: Database, runID: Int64, build: Publisher.BuildVersion,
                            selection: Set<String>?, progress: ProgressReporter) async throws -> [TestOutcome] {
        let runner = ModelRunner(project: project, database: database, resolver: resolver(for: project, build: build),
                                 runID: runID, progress: progress)
        return try await runner.test(selection: selection)
    }
}

import Foundation
import WarehouseCore
import WarehouseDatabase

/// What building one model gave.
public struct ModelRunResult: Sendable {
    public enum Status: String, Sendable { case succeeded, failed, skipped }

    public let model: String
    public let layer: String
    public let relation: String
    public let status: Status
    public let rows: Int?
    public let seconds: Double
    public let error: String?
}

/// Builds models in dependency order and runs their tests, recording both
/// in the run registry. A failed model skips its descendants; the others go on.
public struct ModelRunner: Sendable {
    public let project: ModelProject
    public let database: Database
    public let resolver: RelationResolver
    public let runID: Int64
    public let progress: ProgressReporter

    public init(project: ModelProject, database: Database, resolver: RelationResolver, runID: Int64,
                progress: ProgressReporter = .silent) {
        self.project = project
        self.database = database
        self.resolver = resolver
        self.runID = runID
        self.progress = progress
    }

    /// Loads the seeds, then builds the selected models (all when nil).
    public func run(selection: Set<String>? = nil) async throws -> [ModelRunResult] {
        let (seedCounts, seedSeconds) = try await measure { try await SeedLoader.loadAll(project.seeds, into: database) }
        progress.finished("seeds", detail: "\(seedCounts.count) tables, \(seedCounts.values.reduce(0, +)) rows", seconds: seedSeconds)
        for schema in Set(project.configuration.layers.keys.map(resolver.schema(ofLayer:))) {
            try await database.execute("create schema if not exists \(schema)")
        }
        var results: [ModelRunResult] = []
        var failed: Set<String> = []
        for name in try project.graph.topologicalOrder() where selection?.contains(name) ?? true {
            guard let model = project.model(named: name) else { continue }
            let result: ModelRunResult
            if let parent = project.graph.parents[name]?.first(where: failed.contains) {
                result = ModelRunResult(model: name, layer: model.layer, relation: resolver.relation(for: name),
                                        status: .skipped, rows: nil, seconds: 0, error: "parent '\(parent)' failed")
                failed.insert(name)
            } else {
                result = await build(model)
                if result.status == .failed { failed.insert(name) }
            }
            try await record(result)
            results.append(result)
        }
        return results
    }

    private func build(_ model: ModelDefinition) async -> ModelRunResult {
        let relation = resolver.relation(for: model.name)
        progress.started("model \(model.name)")
        let start = Date()
        do {
            let sql = try resolver.render(try await expandUnions(in: model), owner: model.name)
            let rows = try await ModelMaterializer(database: database).materialize(model, sql: sql, relation: relation)
            let seconds = Date().timeIntervalSince(start)
            progress.finished("model \(model.name)", detail: "\(model.materialized.rawValue) \(relation), \(rows) rows", seconds: seconds)
            return ModelRunResult(model: model.name, layer: model.layer, relation: relation, status: .succeeded,
                                  rows: rows, seconds: seconds, error: nil)
        } catch {
            let message = (error as? WarehouseError)?.description ?? databaseErrorMessage(error)
            progress.failed("model \(model.name)", reason: message)
            return ModelRunResult(model: model.name, layer: model.layer, relation: relation, status: .failed,
                                  rows: nil, seconds: Date().timeIntervalSince(start), error: message)
        }
    }

    /// Expands `{{ union_by_name([...]) }}` with the columns of the listed
    /// models as built.
    private func expandUnions(in model: ModelDefinition) async throws -> String {
        var columns: [String: [UnionByName.Column]] = [:]
        for name in UnionByName.models(in: model.sql) {
            let parts = resolver.relation(for: name).split(separator: ".").map(String.init)
            let rows = try await database.query("""
                select attribute.attname::text, format_type(attribute.atttypid, attribute.atttypmod)
                from pg_attribute as attribute
                where attribute.attrelid = to_regclass(\(parts.map(SQLText.identifier).joined(separator: ".")))
                    and attribute.attnum > 0 and not attribute.attisdropped
                order by attribute.attnum
                """)
            columns[name] = try rows.map { row in
                let (column, type) = try row.decode((String, String).self)
                return UnionByName.Column(name: column, type: type)
            }
        }
        return try UnionByName.expand(model.sql, columns: columns, file: model.file.path)
    }

    private func record(_ result: ModelRunResult) async throws {
        let materialized = project.model(named: result.model)?.materialized.rawValue ?? "view"
        _ = try await database.query("""
            insert into ops.model_runs (run_id, model, layer, relation, materialized, status, rows_out, seconds, error)
            values (\(runID), \(result.model), \(result.layer), \(result.relation), \(materialized),
                    \(result.status.rawValue), \(result.rows), \(result.seconds), \(result.error))
            on conflict (run_id, model) do update set status = excluded.status, rows_out = excluded.rows_out,
                seconds = excluded.seconds, error = excluded.error, relation = excluded.relation
            """)
        try await RunRegistry(database).recordStep(runID: runID, step: "model", subject: result.model,
                                                   status: result.status.rawValue, rowsOut: result.rows,
                                                   seconds: result.seconds, error: result.error)
    }

    /// Runs the tests of the selected models (and singular tests when no
    /// selection is given).
    public func test(selection: Set<String>? = nil) async throws -> [TestOutcome] {
        let tests = project.tests.filter { test in
            guard let selection else { return true }
            return test.model.map(selection.contains) ?? false
        }
        let runner = TestRunner(database: database, resolver: resolver, runID: runID)
        var outcomes: [TestOutcome] = []
        let start = Date()
        for test in tests {
            progress.started("test \(test.name)")
            outcomes.append(try await runner.run(test))
        }
        let count = { (status: TestOutcome.Status) in outcomes.filter { $0.status == status }.count }
        progress.finished("tests", detail: "\(count(.passed)) passed, \(count(.failed)) failed, \(count(.warned)) warned, \(count(.errored)) errored",
                          seconds: Date().timeIntervalSince(start))
        for outcome in outcomes where outcome.status != .passed {
            let detail = outcome.error ?? "\(outcome.failures) failing row(s), see ops.test_failures"
            if outcome.status == .warned {
                progress.warned("warn \(outcome.test.name)", reason: detail)
            } else {
                progress.failed("\(outcome.status.rawValue) \(outcome.test.name)", reason: detail)
            }
        }
        return outcomes
    }
}

import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The outcome of one test in one run.
public struct TestOutcome: Sendable {
    public enum Status: String, Sendable { case passed, failed, warned, errored }

    public let test: TestDefinition
    public let status: Status
    public let failures: Int
    public let seconds: Double
    public let error: String?

    /// A failure that should stop publishing: an error-severity test that
    /// failed, or a test that could not run.
    public var blocksPublishing: Bool {
        status == .errored || (status == .failed && test.severity == .error)
    }
}

/// Runs tests, stores each outcome in `ops.test_results` and up to 100
/// failing rows per test in `ops.test_failures`.
struct TestRunner {
    static let keptFailingRows = 100

    let database: Database
    let resolver: RelationResolver
    let runID: Int64

    func run(_ test: TestDefinition) async throws -> TestOutcome {
        let start = Date()
        var outcome: TestOutcome
        do {
            let isArray = try await isArrayColumn(test)
            let sql = try TestCompiler(resolver: resolver).sql(for: test, isArrayColumn: isArray)
            let failures = try await database.scalarInt("select count(*) from (\n\(sql)\n) as failures")
            let status: TestOutcome.Status = failures == 0 ? .passed : (test.severity == .warn ? .warned : .failed)
            outcome = TestOutcome(test: test, status: status, failures: failures,
                                  seconds: Date().timeIntervalSince(start), error: nil)
            try await record(outcome)
            if failures > 0 { try await keepFailingRows(of: test, sql: sql) }
        } catch {
            let message = (error as? WarehouseError)?.description ?? databaseErrorMessage(error)
            outcome = TestOutcome(test: test, status: .errored, failures: 0,
                                  seconds: Date().timeIntervalSince(start), error: message)
            try await record(outcome)
        }
        return outcome
    }

    func isArrayColumn(_ test: TestDefinition) async throws -> Bool {
        guard let model = test.model, let column = test.column else { return false }
        let parts = resolver.relation(for: model).split(separator: ".").map(String.init)
        let rows = try await database.query("""
            select data_type from information_schema.columns
            where table_schema = \(parts[0]) and table_name = \(parts[1]) and column_name = \(column)
            """)
        guard let row = rows.first else {
            throw WarehouseError.invalidModelConfig(file: model, reason: "test \(test.name): no column '\(column)' in \(parts.joined(separator: "."))")
        }
        return try row.decode(String.self) == "ARRAY"
    }

    private func record(_ outcome: TestOutcome) async throws {
        let test = outcome.test
        _ = try await database.query("""
            insert into ops.test_results (run_id, test_name, model, column_name, kind, severity, status, failures, seconds, error)
            values (\(runID), \(test.name), \(test.model), \(test.column), \(test.kindName), \(test.severity.rawValue),
                    \(outcome.status.rawValue), \(outcome.failures), \(outcome.seconds), \(outcome.error))
            on conflict (run_id, test_name) do update set status = excluded.status, failures = excluded.failures,
                seconds = excluded.seconds, error = excluded.error
            """)
    }

    private func keepFailingRows(of test: TestDefinition, sql: String) async throws {
        _ = try await database.query("delete from ops.test_failures where run_id = \(runID) and test_name = \(test.name)")
        try await database.execute("""
            insert into ops.test_failures (run_id, test_name, failing_row)
            select \(runID), \(SQLText.literal(test.name)), to_jsonb(failures)
            from (\n\(sql)\n limit \(Self.keptFailingRows)) as failures
            """)
    }
}

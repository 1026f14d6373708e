import Foundation
import WarehouseCore
import WarehouseDatabase
import WarehouseModels

/// The refresh step between tests and publishing when error-severity tests
/// failed: ties each failing test to one source (Quarantine), carries those
/// sources' published rows into the build, checks that the build's own
/// tests now pass, and records the quarantine. Returns nil, having changed
/// nothing that is published, when the failures are not one source's own.
struct QuarantineStep {
    let database: Database
    let runner: ModelRunner
    let build: Publisher.BuildVersion
    let runID: Int64
    let progress: ProgressReporter

    func run(blocking: [TestOutcome]) async throws -> [Refresh.QuarantinedSource]? {
        let quarantine = Quarantine(database: database, runner: runner, build: build)
        guard let bySource = try await quarantine.attribute(blocking) else { return nil }
        let sources = bySource.keys.sorted()
        let start = Date()
        let (carriedFrom, rows) = try await quarantine.carryPublishedRows(of: sources)
        let stillFailing = try await buildTestsStillFailing(skipping: Set(blocking.map(\.test.name)))
        if !stillFailing.isEmpty {
            progress.failed("quarantine", reason: "the build still fails \(stillFailing.joined(separator: ", ")) with \(sources.joined(separator: ", ")) quarantined")
            return nil
        }
        var done: [Refresh.QuarantinedSource] = []
        for source in sources {
            let tests = bySource[source] ?? []
            let entry = Refresh.QuarantinedSource(source: source, failingTests: tests, carriedFromVersion: carriedFrom,
                                                  rowsCarried: rows[source] ?? [:])
            try await record(entry)
            done.append(entry)
            let kept = carriedFrom.map { "its rows of published version \($0) carried" } ?? "nothing published before: left out"
            progress.failed("quarantine \(source)",
                            reason: "\(tests.count) error test(s) failed on its rows only (\(tests.joined(separator: ", "))); \(kept)")
        }
        try await RunRegistry(database).recordStep(runID: runID, step: "quarantine", subject: sources.joined(separator: ","),
                                                   status: "quarantined", seconds: Date().timeIntervalSince(start))
        return done
    }

    /// Error-severity tests of the build's own tables, and singular tests
    /// that passed before the carry, that fail after it: they judge what
    /// would be published. The failing tests already tied to quarantined
    /// sources are skipped: upstream of the marts, those sources' new rows
    /// are still there and still fail them.
    private func buildTestsStillFailing(skipping quarantinedTests: Set<String>) async throws -> [String] {
        var failing: [String] = []
        for test in runner.project.tests where test.severity == .error {
            let layer = test.model.flatMap { runner.project.model(named: $0)?.layer }
            if let layer, layer != ProjectConfiguration.publishedLayer { continue }
            if layer == nil, quarantinedTests.contains(test.name) { continue }
            let sql = try await runner.failingRowsSQL(for: test).sql
            if try await database.scalarInt("select count(*) from (\(sql)) as failures") > 0 { failing.append(test.name) }
        }
        return failing
    }

    private func record(_ entry: Refresh.QuarantinedSource) async throws {
        let rows = String(decoding: try JSONSerialization.data(withJSONObject: entry.rowsCarried, options: [.sortedKeys]), as: UTF8.self)
        _ = try await database.query("""
            insert into ops.quarantined_sources (run_id, source, build_version, carried_from_version, failing_tests, rows_carried)
            values (\(runID), \(entry.source), \(build.version), \(entry.carriedFromVersion), \(entry.failingTests), \(rows)::jsonb)
            on conflict (run_id, source) do update set failing_tests = excluded.failing_tests, rows_carried = excluded.rows_carried
            """)
    }
}

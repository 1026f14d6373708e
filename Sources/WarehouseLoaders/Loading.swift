import Foundation
import Logging
import WarehouseCore
import WarehouseDatabase

/// The load stage: snapshot files into raw tables, one source at a time. A
/// source that fails is reported and keeps its previous data; the others go on.
public enum Loading {
    public static func loadAll(
        snapshotsDirectory: URL, runID: Int64, database: Database,
        sources: [SourceDefinition] = SourceCatalog.all, policy: LoadPolicy = .default,
        progress: ProgressReporter = .silent
    ) async throws -> [SourceLoadResult] {
        guard FileManager.default.fileExists(atPath: snapshotsDirectory.path) else {
            throw WarehouseError.missingSnapshots(directory: snapshotsDirectory.path)
        }
        try await RawLayer.ensureTables(database, sources: sources)
        var results: [SourceLoadResult] = []
        for source in sources {
            let directory = sourceDirectory(source, in: snapshotsDirectory)
            let result = try await load(source, from: directory, runID: runID, database: database, policy: policy,
                                        progress: progress)
            results.append(result)
        }
        return results
    }

    /// Accepts a `snapshots/` folder or one `snapshots/<source-slug>/` folder.
    static func sourceDirectory(_ source: SourceDefinition, in snapshots: URL) -> URL? {
        let nested = snapshots.appendingPathComponent(source.slug)
        if FileManager.default.fileExists(atPath: nested.path) { return nested }
        return snapshots.lastPathComponent == source.slug ? snapshots : nil
    }

    private static func load(_ source: SourceDefinition, from directory: URL?, runID: Int64, database: Database,
                             policy: LoadPolicy, progress: ProgressReporter) async throws -> SourceLoadResult {
        let step = "load \(source.slug)"
        guard let directory else {
            let result = SourceLoadResult(source: source.slug, status: .skipped, rowsLoaded: 0, rowsRejected: 0,
                                          perStream: [:], seconds: 0, error: "no folder in this snapshot")
            try await record(result, fetchedAt: nil, runID: runID, database: database)
            progress.finished(step, detail: "skipped, not in this snapshot (previous data kept)", seconds: 0)
            return result
        }
        progress.started(step)
        reportUnknownFiles(source, in: directory, logger: database.logger)
        let start = Date()
        let result: SourceLoadResult
        var fetchedAt: Date?
        do {
            let loaded = try await SourceLoader(source: source, directory: directory, database: database)
                .load(runID: runID, policy: policy)
            fetchedAt = loaded.fetchedAt
            var perStream: [String: (loaded: Int, rejected: Int)] = [:]
            for snapshot in loaded.snapshots {
                perStream[snapshot.stream] = (snapshot.goodRecords.count, snapshot.rejectedRecords.count)
            }
            let held = loaded.heldBecause.map {
                "held back: \($0); the source keeps its previous data (warehouse refresh --accept-shrink \(source.slug) takes this load)"
            }
            result = SourceLoadResult(
                source: source.slug, status: held == nil ? .succeeded : .held,
                rowsLoaded: perStream.values.map(\.loaded).reduce(0, +),
                rowsRejected: perStream.values.map(\.rejected).reduce(0, +),
                perStream: perStream, seconds: Date().timeIntervalSince(start), error: held)
            if let held {
                progress.failed(step, reason: "\(result.rowsLoaded) records, \(result.rowsRejected) rejected, \(held)")
            } else {
                progress.finished(step, detail: "\(result.rowsLoaded) records, \(result.rowsRejected) rejected", seconds: result.seconds)
            }
        } catch {
            let message = (error as? WarehouseError)?.description ?? databaseErrorMessage(error)
            result = SourceLoadResult(source: source.slug, status: .failed, rowsLoaded: 0, rowsRejected: 0,
                                      perStream: [:], seconds: Date().timeIntervalSince(start), error: message)
            progress.failed(step, reason: message + " (previous data kept)")
        }
        try await record(result, fetchedAt: fetchedAt, runID: runID, database: database)
        return result
    }

    private static func record(_ result: SourceLoadResult, fetchedAt: Date?, runID: Int64, database: Database) async throws {
        _ = try await database.query("""
            insert into ops.source_loads (run_id, source, status, fetched_at, rows_loaded, rows_rejected, seconds, error)
            values (\(runID), \(result.source), \(result.status.rawValue), \(fetchedAt), \(result.rowsLoaded),
                    \(result.rowsRejected), \(result.seconds), \(result.error))
            on conflict (run_id, source) do update set status = excluded.status, fetched_at = excluded.fetched_at,
                rows_loaded = excluded.rows_loaded, rows_rejected = excluded.rows_rejected,
                seconds = excluded.seconds, error = excluded.error
            """)
        let registry = RunRegistry(database)
        if result.perStream.isEmpty {
            try await registry.recordStep(runID: runID, step: "load", subject: result.source, status: result.status.rawValue,
                                          seconds: result.seconds, error: result.error)
        }
        for (stream, counts) in result.perStream.sorted(by: { $0.key < $1.key }) {
            try await registry.recordStep(runID: runID, step: "load", subject: "\(result.source)/\(stream)",
                                          status: result.status.rawValue, rowsOut: counts.loaded,
                                          rowsRejected: counts.rejected, seconds: result.seconds)
        }
    }

    /// Files the loader does not read are reported, never fatal.
    private static func reportUnknownFiles(_ source: SourceDefinition, in directory: URL, logger: Logger) {
        let known = Set(source.streams.map(\.path) + ["_fetch.json"])
        let present = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in present.sorted() where !known.contains(name) && !name.hasPrefix(".") {
            logger.warning("file not read by the loader", metadata: ["source": "\(source.slug)", "file": "\(name)"])
        }
    }
}

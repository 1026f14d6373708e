import Foundation
import PostgresNIO

/// Writes what each run does into `ops.runs` and `ops.run_steps`.
public struct RunRegistry: Sendable {
    public let database: Database

    public init(_ database: Database) { self.database = database }

    /// Registers a run. `lockBackendPID` is the backend holding the run
    /// lock (RunLock): a run registered without it is judged abandoned by
    /// the next command.
    public func begin(command: String, snapshotsDirectory: String? = nil, lockBackendPID: Int? = nil) async throws -> Int64 {
        let process = Int(getpid())
        let rows = try await database.query("""
            insert into ops.runs (command, snapshots_dir, process_id, lock_backend_pid, application_name)
            values (\(command), \(snapshotsDirectory), \(process), \(lockBackendPID), current_setting('application_name'))
            returning run_id
            """)
        return try rows[0].decode(Int64.self)
    }

    /// Marks `abandoned` every run left `running` whose backend no longer
    /// holds the run lock: its process was killed or lost the database.
    /// The sessions that process left (a statement still running or waiting
    /// on a lock) are ended, so that nothing waits behind them. Returns the
    /// run ids marked.
    @discardableResult
    public func markAbandonedRuns() async throws -> [Int64] {
        let abandoned = try await database.rows("""
            update ops.runs as r
            set status = 'abandoned', finished_at = now(),
                error = coalesce(r.error, 'its process ended before the run finished (killed, crashed or cut off from the database)')
            where r.status = 'running' and not \(RunLock.heldByBackend("r.lock_backend_pid"))
            returning r.run_id, r.application_name
            """).map { try $0.decode((Int64, String?).self) }
        let tags = abandoned.compactMap(\.1).filter { $0 != ProcessTag.applicationName }
        if !tags.isEmpty {
            _ = try await database.query("""
                select count(pg_terminate_backend(a.pid)) from pg_stat_activity as a
                where a.application_name = any(\(tags)) and a.pid <> pg_backend_pid()
                """)
        }
        return abandoned.map(\.0)
    }

    public func finish(runID: Int64, status: String, publishedVersion: Int64? = nil, error: String? = nil) async throws {
        _ = try await database.query("""
            update ops.runs
            set finished_at = now(), status = \(status), published_version = \(publishedVersion), error = \(error)
            where run_id = \(runID)
            """)
    }

    public func recordStep(runID: Int64, step: String, subject: String?, status: String, rowsOut: Int? = nil,
                           rowsRejected: Int? = nil, seconds: Double? = nil, error: String? = nil) async throws {
        _ = try await database.query("""
            insert into ops.run_steps (run_id, step, subject, status, rows_out, rows_rejected, seconds, error)
            values (\(runID), \(step), \(subject), \(status), \(rowsOut), \(rowsRejected), \(seconds), \(error))
            """)
    }
}

import Foundation
import PostgresNIO

/// Writes what each run does into `ops.runs` and `ops.run_steps`.
public struct RunRegistry: Sendable {
    public let database: Database

    public init(_ database: Database) { self.database = database }

    public func begin(command: String, snapshotsDirectory: String? = nil) async throws -> Int64 {
        let rows = try await database.query("""
            insert into ops.runs (command, snapshots_dir) values (\(command), \(snapshotsDirectory)) returning run_id
            """)
        return try rows[0].decode(Int64.self)
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

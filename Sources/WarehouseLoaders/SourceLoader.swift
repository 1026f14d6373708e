import Foundation
import Logging
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// What happened to one source in one load.
public struct SourceLoadResult: Sendable {
    /// `held`: loaded but not made current, because it shrank (ShrinkGuard).
    public enum Status: String, Sendable { case succeeded, failed, skipped, held }

    public let source: String
    public let status: Status
    public let rowsLoaded: Int
    public let rowsRejected: Int
    public let perStream: [String: (loaded: Int, rejected: Int)]
    public let seconds: Double
    public let error: String?
}

/// Loads every stream of one source in a single transaction: either all of
/// the source's files land and become current, or none does and the
/// previous good load stays current.
struct SourceLoader {
    let source: SourceDefinition
    let directory: URL
    let database: Database

    /// `heldBecause` is set when the records were stored for inspection but
    /// not made current (ShrinkGuard): the source keeps its previous load.
    func load(runID: Int64, policy: LoadPolicy = .default) async throws
        -> (snapshots: [StreamSnapshot], fetchedAt: Date?, heldBecause: String?) {
        let snapshots = try source.streams.map { try StreamReader.read($0, in: directory) }
        let fetchedAt = FetchMetadata.read(from: directory)
        let logger = database.logger
        let source = self.source
        let heldBecause = try await database.transaction { connection -> String? in
            for (stream, snapshot) in zip(source.streams, snapshots) {
                try await store(snapshot, table: source.rawTableName(stream), runID: runID, on: connection, logger: logger)
            }
            if let reason = try await ShrinkGuard.reasonToHold(source, snapshots: snapshots, policy: policy,
                                                               on: connection, logger: logger) {
                return reason
            }
            try await connection.query("""
                insert into ops.source_state (source, current_run_id) values (\(source.slug), \(runID))
                on conflict (source) do update set current_run_id = excluded.current_run_id, updated_at = now()
                """, logger: logger)
            try await RawRetention.prune(source: source, keepingRuns: 3, on: connection, logger: logger)
            return nil
        }
        return (snapshots, fetchedAt, heldBecause)
    }

    /// Replaces this run's rows of the stream (so loading twice is harmless),
    /// streams the good records with COPY and keeps the rejected ones.
    private func store(_ snapshot: StreamSnapshot, table: String, runID: Int64,
                       on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("delete from raw.\(table) where run_id = \(runID)", logger: logger)
        try await connection.query("""
            delete from raw.rejects where run_id = \(runID) and source = \(source.slug) and stream = \(snapshot.stream)
            """, logger: logger)
        try await connection.execute("set local search_path to raw", logger: logger)
        try await connection.copyFrom(table: table, columns: ["run_id", "file_name", "file_sha256", "record_number", "data"],
                                      logger: logger) { writer in
            var encoder = CopyTextEncoder()
            for record in snapshot.goodRecords {
                encoder.appendRow([.integer(Int(runID)), .text(record.fileName), .text(record.fileSHA256),
                                   .integer(record.recordNumber), .bytes(record.payload)])
                if encoder.buffer.readableBytes > 1 << 20 { try await writer.write(encoder.takeBuffer()) }
            }
            try await writer.write(encoder.takeBuffer())
        }
        try await connection.execute("set local search_path to default", logger: logger)
        for record in snapshot.rejectedRecords {
            try await connection.query("""
                insert into raw.rejects (run_id, source, stream, file_name, record_number, reason, record)
                values (\(runID), \(source.slug), \(snapshot.stream), \(record.fileName), \(record.recordNumber),
                        \(record.rejectReason ?? ""), \(String(decoding: record.payload, as: UTF8.self)))
                """, logger: logger)
        }
    }
}

import Logging
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// A source never silently shrinks: a new load that is empty, or that keeps
/// fewer than `LoadPolicy.minimumShare` of the records a stream had in the
/// source's last good load, is held back. An empty `[]`, a file of another
/// source whose every record lacks the id, or an export cut short would
/// otherwise make the source vanish from the published marts.
enum ShrinkGuard {
    /// Why the load is held back, or nil when it may become current.
    static func reasonToHold(_ source: SourceDefinition, snapshots: [StreamSnapshot], policy: LoadPolicy,
                             on connection: PostgresConnection, logger: Logger) async throws -> String? {
        guard !policy.acceptedShrinks.contains(source.slug) else { return nil }
        let previousRun = try await connection.query("""
            select current_run_id from ops.source_state where source = \(source.slug)
            """, logger: logger).collect().first?.decode(Int64.self)
        let newTotal = snapshots.map(\.goodRecords.count).reduce(0, +)
        guard let previousRun else {
            return newTotal == 0 ? "the load is empty (no record kept) and the source was never loaded before" : nil
        }
        var shrunk: [String] = []
        for (stream, snapshot) in zip(source.streams, snapshots) {
            let previous = try await connection.query(PostgresQuery(unsafeSQL: """
                select count(*) from raw.\(source.rawTableName(stream)) where run_id = \(previousRun)
                """), logger: logger).collect().first?.decode(Int.self) ?? 0
            let now = snapshot.goodRecords.count
            if previous > 0, Double(now) < policy.minimumShare * Double(previous) {
                shrunk.append("\(stream.name) has \(now) records where the last good load (run \(previousRun)) had \(previous)")
            }
        }
        if newTotal == 0 { return "the load is empty (no record kept)" + (shrunk.isEmpty ? "" : ": " + shrunk.joined(separator: "; ")) }
        guard !shrunk.isEmpty else { return nil }
        let percent = Int((policy.minimumShare * 100).rounded())
        return "it shrank below \(percent) % of the last good load: " + shrunk.joined(separator: "; ")
    }
}

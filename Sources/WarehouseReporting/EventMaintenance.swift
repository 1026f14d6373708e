import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The upkeep of api.consumption_events' monthly partitions (migration
/// 0024, sql/functions/reporting/event_partitions.sql): the months ahead are
/// created, events the default partition took are moved into their month,
/// and the months older than the retention are dropped whole.
///
/// Safe at any time, the API writing meanwhile: each change is its own short
/// transaction that waits at most `lockTimeout` for the table (an insert
/// holds it for milliseconds), and two maintenances never interleave (an
/// advisory lock). Running it twice does nothing the second time.
public struct EventMaintenance: Sendable {
    public static let defaultRetentionMonths = 13
    /// The current month and the next ones are ready before an event needs them.
    public static let monthsAhead = 2
    static let advisoryLockKey = 7_011_986
    static let lockTimeout = "10s"

    public let database: Database

    public init(_ database: Database) { self.database = database }

    public struct Partition: Sendable, Equatable, Codable {
        public let name: String
        public let month: String
        public let events: Int

        public init(name: String, month: String, events: Int) {
            self.name = name
            self.month = month
            self.events = events
        }
    }

    public struct Outcome: Sendable, Codable {
        public var dryRun: Bool
        public var retentionMonths: Int
        /// Events before this instant are older than the retention.
        public var retentionStart: String
        /// Months created (or, dry, that would be), as YYYY-MM.
        public var createdMonths: [String] = []
        /// Events moved from the default partition into a month created.
        public var eventsMoved = 0
        public var droppedPartitions: [Partition] = []
        /// Events of the default partition older than the retention, deleted.
        public var eventsDeletedFromDefault = 0
    }

    /// Does (or, with `dryRun`, only says) what is due on `asOf`'s date.
    public func run(retentionMonths: Int = defaultRetentionMonths, dryRun: Bool = false, asOf: Date = Date()) async throws -> Outcome {
        guard retentionMonths >= 1 else {
            throw WarehouseError.invalidArgument("--retention-months must be at least 1 (got \(retentionMonths))")
        }
        let asOfText = Self.timestamp(asOf)
        let retentionStart = try await database.query("""
            select to_char(ops.consumption_retention_start(\(retentionMonths)::int, \(asOfText)::timestamptz) at time zone 'UTC',
                           'YYYY-MM-DD"T"HH24:MI:SS"Z"')
            """).first?.decode(String.self) ?? ""
        var outcome = Outcome(dryRun: dryRun, retentionMonths: retentionMonths, retentionStart: retentionStart)

        // the months ahead, and those the default partition holds events of
        let due = try await database.query("""
            select to_char(month, 'YYYY-MM-DD') from (
                select (date_trunc('month', \(asOfText)::timestamptz at time zone 'UTC') + make_interval(months => ahead))::date as month
                from generate_series(0, \(Self.monthsAhead)::int) as ahead
                union
                select date_trunc('month', occurred_at at time zone 'UTC')::date
                from api.consumption_events_default
                where occurred_at >= \(retentionStart)::timestamptz
            ) as months
            where to_regclass('api.consumption_events_' || to_char(month, 'YYYY_MM')) is null
            order by 1
            """).map { try $0.decode(String.self) }
        for month in due {
            outcome.createdMonths.append(String(month.prefix(7)))
            if dryRun { continue }
            let moved = try await locked { connection in
                try await connection.query("select ops.create_consumption_partition(\(month)::date)", logger: database.logger)
                    .collect().first?.decode(Int?.self) ?? 0
            }
            outcome.eventsMoved += moved
        }

        let expired = try await database.query("""
            select partition_name, to_char(month, 'YYYY-MM'), events::int
            from ops.expired_consumption_partitions(\(retentionMonths)::int, \(asOfText)::timestamptz)
            """).map { row in
            let (name, month, events) = try row.decode((String, String, Int).self)
            return Partition(name: name, month: month, events: events)
        }
        for partition in expired {
            if !dryRun {
                try await locked { connection in
                    // the name is one the function read from the catalogue: api.consumption_events_YYYY_MM
                    try await connection.execute("drop table if exists api.\(partition.name)", logger: database.logger)
                }
            }
            outcome.droppedPartitions.append(partition)
        }

        if dryRun {
            outcome.eventsDeletedFromDefault = try await database.query("""
                select count(*)::int from api.consumption_events_default where occurred_at < \(retentionStart)::timestamptz
                """).first?.decode(Int.self) ?? 0
        } else {
            outcome.eventsDeletedFromDefault = try await locked { connection in
                try await connection.query("""
                    with deleted as (
                        delete from api.consumption_events_default where occurred_at < \(retentionStart)::timestamptz returning 1
                    )
                    select count(*)::int from deleted
                    """, logger: database.logger).collect().first?.decode(Int.self) ?? 0
            }
        }
        return outcome
    }

    /// The partitions there are now, oldest month first, the default one last.
    public func partitions() async throws -> [Partition] {
        try await database.rows("""
            select partition_name, coalesce(to_char(month, 'YYYY-MM'), 'default'), events::int
            from ops.consumption_partitions() order by month nulls last
            """).map { row in
            let (name, month, events) = try row.decode((String, String, Int).self)
            return Partition(name: name, month: month, events: events)
        }
    }

    private func locked<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await database.transaction { connection in
            try await connection.execute("set local lock_timeout = '\(Self.lockTimeout)'", logger: database.logger)
            try await connection.execute("select pg_advisory_xact_lock(\(Self.advisoryLockKey))", logger: database.logger)
            return try await body(connection)
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension EventMaintenance.Outcome {
    /// What an operator reads after `warehouse maintenance`.
    public var summary: String {
        let verb = dryRun ? "would " : ""
        var lines = ["Consumption events: retention \(retentionMonths) months (events from \(retentionStart) are kept)\(dryRun ? ", dry run" : "")"]
        lines.append(createdMonths.isEmpty
            ? "  partitions ahead: all there"
            : "  \(verb)create partitions: \(createdMonths.joined(separator: ", "))" + (dryRun ? "" : " (\(eventsMoved) events moved from the default partition)"))
        lines.append(droppedPartitions.isEmpty
            ? "  nothing older than the retention"
            : "  \(verb)drop: " + droppedPartitions.map { "\($0.month) (\($0.events) events)" }.joined(separator: ", "))
        if eventsDeletedFromDefault > 0 {
            lines.append("  \(verb)delete \(eventsDeletedFromDefault) events older than the retention from the default partition")
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseReporting
import WarehouseTestSupport

/// api.consumption_events in monthly partitions (migration 0024) and
/// `warehouse maintenance`'s retention.
@Suite struct ReportingPartitionTests {
    /// The first instant of the UTC month `offset` months from the current one, plus `days`.
    static func instant(monthOffset offset: Int, days: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.date(from: calendar.dateComponents([.year, .month], from: Date()))!
        let date = calendar.date(byAdding: DateComponents(month: offset, day: days), to: start)!
        return ISO8601DateFormatter().string(from: date)
    }

    static func month(_ offset: Int) -> String { String(instant(monthOffset: offset).prefix(7)) }

    static func insertEvent(_ database: Database, at instant: String, subject: String = "test") async throws {
        _ = try await database.query("""
            insert into api.consumption_events (occurred_at, event_type, subject, method, endpoint, path, status, latency_ms)
            values (\(instant)::timestamptz, 'list_services', \(subject), 'GET', 'list_services', '/api/v1/services', 200, 1)
            """)
    }

    @Test func theMigrationMakesMonthlyPartitionsAndADefaultOne() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            #expect(try await database.scalarInt("select count(*) from pg_partitioned_table where partrelid = 'api.consumption_events'::regclass") == 1)
            let partitions = try await EventMaintenance(database).partitions().map(\.month)
            #expect(partitions == [Self.month(0), Self.month(1), "default"])
            // an event of a month with no partition is kept, in the default partition
            try await Self.insertEvent(database, at: Self.instant(monthOffset: 7, days: 3))
            #expect(try await database.scalarInt("select count(*) from api.consumption_events_default") == 1)
            #expect(try await database.scalarInt("select count(*) from api.list_services_events") == 1)
        }
    }

    @Test func retentionDropsExactlyTheMonthsOlderThanItAndMovesStrayEvents() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            // a partition 14 months back holding one event: older than 13 months, dropped whole
            try await Self.insertEvent(database, at: Self.instant(monthOffset: -14, days: 5))
            let moved = try await database.query("select ops.create_consumption_partition(\(Self.instant(monthOffset: -14))::date)")
                .first?.decode(Int.self)
            #expect(moved == 1)
            // in the default partition: one too old (deleted), four to move into their months
            try await Self.insertEvent(database, at: Self.instant(monthOffset: -15, days: 1))
            for (offset, days) in [(-13, 0), (-1, 10), (2, 3), (5, 0)] {
                try await Self.insertEvent(database, at: Self.instant(monthOffset: offset, days: days))
            }
            #expect(try await database.scalarInt("select count(*) from api.consumption_events") == 6)

            let maintenance = EventMaintenance(database)
            let dry = try await maintenance.run(retentionMonths: 13, dryRun: true)
            #expect(dry.createdMonths == [Self.month(-13), Self.month(-1), Self.month(2), Self.month(5)])
            #expect(dry.droppedPartitions == [.init(name: "consumption_events_" + Self.month(-14).replacingOccurrences(of: "-", with: "_"),
                                                   month: Self.month(-14), events: 1)])
            #expect(dry.eventsDeletedFromDefault == 1)
            #expect(try await database.scalarInt("select count(*) from api.consumption_events") == 6)  // dry: nothing changed

            let done = try await maintenance.run(retentionMonths: 13)
            #expect(done.createdMonths == dry.createdMonths)
            #expect(done.eventsMoved == 4)
            #expect(done.droppedPartitions == dry.droppedPartitions)
            #expect(done.eventsDeletedFromDefault == 1)
            #expect(done.retentionStart == Self.instant(monthOffset: -13))
            #expect(try await database.scalarInt("select count(*) from api.consumption_events") == 4)
            #expect(try await database.scalarInt("select count(*) from api.consumption_events_default") == 0)
            #expect(try await maintenance.partitions().map(\.month)
                    == [Self.month(-13), Self.month(-1), Self.month(0), Self.month(1), Self.month(2), Self.month(5), "default"])
            // the first instant of the month 13 months back is kept
            #expect(try await database.scalarInt("""
                select count(*) from api.consumption_events where occurred_at = '\(Self.instant(monthOffset: -13))'::timestamptz
                """) == 1)

            let again = try await maintenance.run(retentionMonths: 13)
            #expect(again.createdMonths.isEmpty && again.droppedPartitions.isEmpty && again.eventsDeletedFromDefault == 0)
            // a shorter retention drops more: with 1 month, everything before last month goes
            let short = try await maintenance.run(retentionMonths: 1)
            #expect(short.droppedPartitions.map(\.month) == [Self.month(-13)])
            await #expect(throws: (any Error).self) { try await maintenance.run(retentionMonths: 0) }
        }
    }

    @Test func anUnpartitionedTableIsConvertedKeepingItsEventsIdsAndViews() async throws {
        try await TestDatabase.withFreshDatabase { database, context in
            // the table as migration 0014 made it, holding events of two months
            try await database.execute("""
                drop view api.list_structures_events, api.consult_structure_events, api.list_services_events,
                    api.consult_service_events, api.search_services_events
                """)
            // (the reporting views over it come back: their file is applied again after the migration)
            try await database.execute("drop table api.consumption_events cascade")
            try await database.execute("delete from ops.function_files where file_path = 'reporting/consumption_views.sql'")
            let original = try String(contentsOf: context.layout.migrationsDirectory.appendingPathComponent("0014_api.sql"), encoding: .utf8)
            for statement in SQLStatementSplitter.split(original) { try await database.execute(statement) }
            try await Self.insertEvent(database, at: Self.instant(monthOffset: -3, days: 2), subject: "a")
            try await Self.insertEvent(database, at: Self.instant(monthOffset: 0), subject: "b")
            let ids = try await database.rows("select event_id from api.consumption_events order by event_id").map { try $0.decode(Int.self) }
            try await database.execute("delete from ops.schema_migrations where file_name = '0024_consumption_event_partitions.sql'")

            _ = try await Migrator(directory: context.layout.migrationsDirectory).migrate(database)

            #expect(try await database.scalarInt("select count(*) from pg_partitioned_table where partrelid = 'api.consumption_events'::regclass") == 1)
            #expect(try await database.rows("select event_id from api.consumption_events order by event_id").map { try $0.decode(Int.self) } == ids)
            #expect(try await EventMaintenance(database).partitions().map(\.month)
                    == [Self.month(-3), Self.month(-2), Self.month(-1), Self.month(0), Self.month(1), "default"])
            #expect(try await database.scalarInt("select count(*) from api.list_services_events") == 2)
            #expect(try await database.scalarInt("select sum(requests)::int from reporting.requests_per_day") == 2)
            try await Self.insertEvent(database, at: Self.instant(monthOffset: 0, days: 1), subject: "c")
            #expect(try await database.scalarInt("select max(event_id) from api.consumption_events") > ids.max()!)
        }
    }
}

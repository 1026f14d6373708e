import Logging
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Raw history is kept for the last few good loads of each source, enough
/// to compare two refreshes without letting raw tables grow forever.
enum RawRetention {
    static func prune(source: SourceDefinition, keepingRuns count: Int, on connection: PostgresConnection,
                      logger: Logger) async throws {
        for stream in source.streams {
            try await connection.execute("""
                delete from raw.\(source.rawTableName(stream)) as r
                where r.run_id not in (
                    select l.run_id from ops.source_loads as l
                    where l.source = '\(source.slug)' and l.status = 'succeeded'
                    union select current_run_id from ops.source_state where source = '\(source.slug)'
                    order by 1 desc limit \(count)
                )
                """, logger: logger)
        }
    }
}

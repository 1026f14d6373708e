import Logging
import WarehouseCore
import WarehouseDatabase

/// The raw tables: one per source stream in schema `raw`, and a
/// `<table>__current` view over the rows of the source's last good load.
public enum RawLayer {
    /// Creates every catalogued stream's table and view when absent, so that
    /// models can be built even before a source was ever loaded.
    public static func ensureTables(_ database: Database, sources: [SourceDefinition] = SourceCatalog.all) async throws {
        let existing = Set(try await database.query(
            "select table_name from information_schema.views where table_schema = 'raw'").map { try $0.decode(String.self) })
        for source in sources {
            for stream in source.streams where !existing.contains("\(source.rawTableName(stream))__current") {
                for statement in ddl(source: source, stream: stream) { try await database.execute(statement) }
            }
        }
    }

    static func ddl(source: SourceDefinition, stream: StreamDefinition) -> [String] {
        let table = source.rawTableName(stream)
        return [
            """
            create table if not exists raw.\(table) (
                run_id bigint not null,
                file_name text not null,
                file_sha256 text not null,
                record_number integer not null,
                data jsonb not null,
                primary key (run_id, record_number)
            )
            """,
            """
            comment on table raw.\(table) is 'Raw records of \(source.slug) stream \(stream.name) (\(stream.path)), one row per record, for every kept run.'
            """,
            """
            create or replace view raw.\(table)__current as
            select r.run_id, r.file_name, r.file_sha256, r.record_number, r.data
            from raw.\(table) as r
            join ops.source_state as s on s.source = '\(source.slug)' and s.current_run_id = r.run_id
            """,
            """
            comment on view raw.\(table)__current is 'Records of the last good load of \(source.slug) stream \(stream.name): what the staging models read.'
            """,
        ]
    }
}

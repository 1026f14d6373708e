import Foundation
import Logging
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Mart versions: each build goes to its own schema `marts_v<N>`; publishing
/// re-points the stable `marts.<name>` views at it in one transaction. A
/// view re-pointed with `create or replace` keeps its identity (its oid), so
/// dashboards keyed on it keep working; the last few versions stay readable.
public struct Publisher: Sendable {
    public static let keptVersions = 3
    /// The names of version schemas: `marts_v0` (the v0 shapes) is not one.
    public static let versionSchemaPattern = "^marts_v[1-9][0-9]*$"
    public let database: Database

    public init(_ database: Database) { self.database = database }

    public struct BuildVersion: Sendable {
        public let version: Int64
        public let schema: String
    }

    public func createBuildVersion(runID: Int64) async throws -> BuildVersion {
        let version = Int64(try await database.scalarInt("select nextval('ops.mart_version_seq')"))
        // marts_v0 holds the v0 shapes (0021_v0_shapes.sql): a version is never 0
        guard version >= 1 else { throw WarehouseError.nothingPublished(reason: "ops.mart_version_seq gave \(version); versions start at 1") }
        let schema = "marts_v\(version)"
        try await database.execute("create schema \(schema)")
        _ = try await database.query("select ops.grant_version_readers(\(schema))") // the API and analyst roles read it (0019_roles.sql)
        try await database.execute("comment on schema \(schema) is 'Marts built by run \(runID) (version \(version)); read them through the marts schema once published.'")
        _ = try await database.query("""
            insert into ops.published_versions (version, run_id, schema_name) values (\(version), \(runID), \(schema))
            """)
        return BuildVersion(version: version, schema: schema)
    }

    /// The newest version built (published or not) that still exists.
    public func latestBuildVersion() async throws -> BuildVersion? {
        let rows = try await database.query("""
            select version, schema_name from ops.published_versions where retired_at is null order by version desc limit 1
            """)
        return try rows.first.map { row in
            let (version, schema) = try row.decode((Int64, String).self)
            return BuildVersion(version: version, schema: schema)
        }
    }

    /// Points every `marts.<table>` view at the build's tables, atomically.
    public func publish(_ build: BuildVersion) async throws -> [String: Int] {
        let logger = database.logger
        let tables = try await database.query("""
            select table_name from information_schema.tables
            where table_schema = \(build.schema) and table_type = 'BASE TABLE' order by table_name
            """).map { try $0.decode(String.self) }
        guard !tables.isEmpty else { throw WarehouseError.nothingPublished(reason: "\(build.schema) holds no table") }
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = try await database.scalarInt("select count(*) from \(build.schema).\(table)") }
        let countsJSON = String(decoding: try JSONSerialization.data(withJSONObject: counts, options: [.sortedKeys]), as: UTF8.self)
        try await database.transaction { connection in
            try await connection.query("select pg_advisory_xact_lock(7011985)", logger: logger)
            for table in tables { try await pointView(table, at: build.schema, on: connection, logger: logger) }
            try await dropViewsAbsent(from: tables, on: connection, logger: logger)
            // the v0 shapes read marts.*: made again if a view above was dropped
            try await connection.query("select ops.create_v0_views()", logger: logger)
            // so do the reporting views over marts.* (sql/functions/reporting/marts_views.sql)
            try await connection.query("select ops.create_reporting_views()", logger: logger)
            try await connection.query("""
                update ops.published_versions set published_at = now(), row_counts = \(countsJSON)::jsonb
                where version = \(build.version)
                """, logger: logger)
        }
        try await retireOldVersions()
        return counts
    }

    private func pointView(_ table: String, at schema: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.execute("savepoint repoint", logger: logger)
        do {
            try await connection.execute("create or replace view marts.\(table) as select * from \(schema).\(table)", logger: logger)
            try await connection.execute("release savepoint repoint", logger: logger)
        } catch where ["42P16", "42804"].contains(databaseErrorCode(error) ?? "") {
            // Columns were removed or retyped: the view must be made anew, and
            // tools keyed on it must be told (logged) that its identity changed.
            logger.warning("marts view recreated: its columns changed", metadata: ["view": "marts.\(table)"])
            try await connection.execute("rollback to savepoint repoint", logger: logger)
            // marts_v0's views read it: dropped too, made again after the re-pointing
            try await connection.execute("select ops.drop_v0_views()", logger: logger)
            try await connection.execute("select ops.drop_reporting_views()", logger: logger)
            try await connection.execute("drop view marts.\(table)", logger: logger)
            try await connection.execute("create view marts.\(table) as select * from \(schema).\(table)", logger: logger)
        }
        let description = try await connection.query(
            "select coalesce(obj_description(\(schema + "." + table)::regclass, 'pg_class'), '')", logger: logger
        ).collect().first?.decode(String.self) ?? ""
        let comment = "Published \(table) (version schema \(schema)). \(description)"
        try await connection.execute("comment on view marts.\(table) is \(SQLLiteral.string(comment))", logger: logger)
        // the columns' descriptions too (sql/functions/ops/published_view_comments.sql)
        try await connection.query(
            "select ops.copy_column_comments(\(schema + "." + table)::regclass, \("marts." + table)::regclass)", logger: logger)
    }

    private func dropViewsAbsent(from tables: [String], on connection: PostgresConnection, logger: Logger) async throws {
        let views = try await connection.query("""
            select table_name from information_schema.views where table_schema = 'marts'
            """, logger: logger).collect().map { try $0.decode(String.self) }
        for view in views where !tables.contains(view) {
            if ["structures", "services"].contains(view) { try await connection.execute("select ops.drop_v0_views()", logger: logger) }
            try await connection.execute("select ops.drop_reporting_views()", logger: logger)  // made again after the re-pointing
            try await connection.execute("drop view marts.\(view)", logger: logger)
        }
    }

    /// Drops all but the newest published versions, any build that was never
    /// published and is older than the published one, every build of an
    /// abandoned run, and `marts_v<N>` schemas that no version records (a
    /// process killed between creating and registering one). A build whose
    /// run is still running is never dropped: its run holds the run lock, and
    /// so does the caller, so only the caller's own build can be running.
    public func retireOldVersions() async throws {
        let rows = try await database.query("""
            with ranked as (
                select v.version, v.schema_name, v.published_at, r.status as run_status,
                       row_number() over (partition by v.published_at is not null order by v.version desc) as recency
                from ops.published_versions as v
                left join ops.runs as r on r.run_id = v.run_id
                where v.retired_at is null
            )
            select version, schema_name from ranked
            where run_status is distinct from 'running'
              and ((published_at is not null and recency > \(Self.keptVersions))
                or (published_at is null and run_status = 'abandoned')
                or (published_at is null and version < (select coalesce(max(version), 0) from ops.published_versions where published_at is not null)))
            """)
        for row in rows {
            let (version, schema) = try row.decode((Int64, String).self)
            try await database.execute("drop schema if exists \(schema) cascade")
            _ = try await database.query("update ops.published_versions set retired_at = now() where version = \(version)")
        }
        let unregistered = try await database.rows("""
            select n.nspname from pg_namespace as n
            where n.nspname ~ '\(Self.versionSchemaPattern)'
              and not exists (select 1 from ops.published_versions as v where v.schema_name = n.nspname and v.retired_at is null)
            """)
        for row in unregistered {
            try await database.execute("drop schema if exists \(try row.decode(String.self)) cascade")
        }
    }
}

/// A SQL string literal (for comments built from names the warehouse chose).
enum SQLLiteral {
    static func string(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}

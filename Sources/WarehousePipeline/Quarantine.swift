import Foundation
import Logging
import WarehouseCore
import WarehouseDatabase
import WarehouseModels

/// One source's fault stays its own. When every failing row of an
/// error-severity test belongs to one source, that source is quarantined:
/// its rows in the new build are replaced by the rows it had in the
/// published version, the run is partial, and the other sources publish.
/// A failure that cannot be tied to a single source (a model that did not
/// build, a test that could not run, rows of two sources) still blocks
/// publishing.
struct Quarantine {
    let database: Database
    let runner: ModelRunner
    let build: Publisher.BuildVersion

    /// Each quarantined source with the tests it failed, or nil when some
    /// blocking test cannot be tied to exactly one source.
    func attribute(_ blocking: [TestOutcome]) async throws -> [String: [String]]? {
        var bySource: [String: [String]] = [:]
        for outcome in blocking {
            guard outcome.status == .failed, let source = try await soleSource(of: outcome.test) else { return nil }
            bySource[source, default: []].append(outcome.test.name)
        }
        return bySource.isEmpty ? nil : bySource
    }

    /// The one source every failing row of `test` belongs to, if there is one.
    private func soleSource(of test: TestDefinition) async throws -> String? {
        if let model = test.model {
            let read = try runner.sourcesRead(by: model)
            if read.count == 1 { return read.first }
        }
        let (failing, isArray) = try await runner.failingRowsSQL(for: test)
        let sql: String
        switch test.kind {
        case .unique, .relationships, .acceptedValues, .acceptedSeedValues:
            guard let model = test.model, let column = test.column else { return nil }
            let relation = runner.resolver.relation(for: model)
            guard let key = try await sourceKey(of: relation, alias: "m") else { return nil }
            let quoted = SQLText.identifier(column)
            let matches = isArray
                ? "exists (select 1 from unnest(m.\(quoted)) as item where item::text in (select value::text from failing))"
                : "m.\(quoted)::text in (select value::text from failing)"
            sql = "with failing as (\(failing)) select distinct \(key) from \(relation) as m where \(matches)"
        case .notNull, .expressionIsTrue, .singular:
            let key = "coalesce(j ->> 'source', split_part(coalesce(j ->> 'service_id', j ->> 'structure_id', j ->> 'id'), '--', 1))"
            sql = "select distinct \(key) from (select to_jsonb(f) as j from (\(failing)) as f) as rows"
        }
        let sources = try await database.rows(sql).map { try $0.decode(String?.self) }
        guard sources.count == 1, let source = sources[0], SourceCatalog.all.contains(where: { $0.slug == source }) else {
            return nil
        }
        return source
    }

    /// How a row of `relation` names its source: its `source` column, else
    /// the prefix of its `<source>--<id>` identifier.
    private func sourceKey(of relation: String, alias: String) async throws -> String? {
        let parts = relation.split(separator: ".").map(String.init)
        guard parts.count == 2 else { return nil }
        let columns = Set(try await database.query("""
            select column_name from information_schema.columns where table_schema = \(parts[0]) and table_name = \(parts[1])
            """).map { try $0.decode(String.self) })
        if columns.contains("source") { return "\(alias).source::text" }
        for identifier in ["service_id", "structure_id", "id"] where columns.contains(identifier) {
            return "split_part(\(alias).\(identifier)::text, '--', 1)"
        }
        return nil
    }

    /// Replaces the sources' rows of every build table by their rows in the
    /// published version (none when nothing was published yet), then
    /// refreshes the search views built from those tables. Returns the rows
    /// carried per source and table.
    func carryPublishedRows(of sources: [String]) async throws -> (from: Int64?, rows: [String: [String: Int]]) {
        let published = try await database.query("""
            select version, schema_name from ops.published_versions
            where published_at is not null and retired_at is null order by published_at desc limit 1
            """).first.map { try $0.decode((Int64, String).self) }
        let tables = try await database.query("""
            select table_name from information_schema.tables
            where table_schema = \(build.schema) and table_type = 'BASE TABLE' order by table_name
            """).map { try $0.decode(String.self) }
        // How each table names its source, read once for the carry and the count.
        var keys: [(table: String, key: String)] = []
        for table in tables {
            if let key = try await sourceKey(of: "\(build.schema).\(table)", alias: "t") { keys.append((table, key)) }
        }
        var carried: [String: [String: Int]] = [:]
        try await database.transaction { [keys] connection in
            for (table, key) in keys {
                for source in sources {
                    let literal = SQLText.literal(source)
                    try await connection.execute("delete from \(build.schema).\(table) as t where \(key) = \(literal)",
                                                 logger: database.logger)
                    guard let (_, schema) = published, let columns = try await sharedColumns(table, schema) else { continue }
                    try await connection.execute("""
                        insert into \(build.schema).\(table) (\(columns))
                        select \(columns) from \(schema).\(table) as t where \(key) = \(literal)
                        """, logger: database.logger)
                }
            }
        }
        for (table, key) in keys {
            for row in try await database.rows("""
                select \(key), count(*) from \(build.schema).\(table) as t
                where \(key) in (\(sources.map(SQLText.literal).joined(separator: ", "))) group by 1
                """) {
                let (source, count) = try row.decode((String, Int).self)
                carried[source, default: [:]][table] = count
            }
        }
        try await refreshSearchViews()
        return (published?.0, carried)
    }

    /// The columns both versions of a table have, in the build's order.
    private func sharedColumns(_ table: String, _ publishedSchema: String) async throws -> String? {
        let rows = try await database.query("""
            select b.column_name from information_schema.columns as b
            join information_schema.columns as p
              on p.table_schema = \(publishedSchema) and p.table_name = b.table_name and p.column_name = b.column_name
            where b.table_schema = \(build.schema) and b.table_name = \(table)
            order by b.ordinal_position
            """)
        let names = try rows.map { SQLText.identifier(try $0.decode(String.self)) }
        return names.isEmpty ? nil : names.joined(separator: ", ")
    }

    private func refreshSearchViews() async throws {
        let views = try await database.query("""
            select matviewname from pg_matviews where schemaname = \(build.schema)
            """).map { try $0.decode(String.self) }
        for view in views { try await database.execute("refresh materialized view \(build.schema).\(view)") }
        for table in ["structures", "services"] { try await database.execute("analyze \(build.schema).\(table)") }
    }
}

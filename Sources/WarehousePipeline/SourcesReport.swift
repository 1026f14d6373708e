import Foundation
import WarehouseCore
import WarehouseDatabase

/// `warehouse sources`: every source the warehouse loads, its streams and
/// formats, and what its last load and the published marts hold of it.
public enum SourcesReport {
    public struct Line: Sendable {
        public let source: SourceDefinition
        public var lastStatus: String?
        public var lastRunID: Int64?
        public var loaded = 0
        public var rejected = 0
        public var structures = 0
        public var services = 0
        public var unknownValues = 0
        /// How `warehouse fetch` gets the source (config/sources.yml), if configured.
        public var fetchMode: String?
        /// The source's latest good fetch in the archive, or why it is unknown.
        public var lastFetch: String?
    }

    public static func build(database: Database) async throws -> [Line] {
        var lines = Dictionary(uniqueKeysWithValues: SourceCatalog.all.map { ($0.slug, Line(source: $0)) })
        let loads = try await database.query("""
            select distinct on (source) source, run_id, status, rows_loaded, rows_rejected
            from ops.source_loads where status <> 'skipped' order by source, run_id desc
            """)
        for row in loads {
            let (slug, runID, status, loaded, rejected) = try row.decode((String, Int64, String, Int64, Int64).self)
            lines[slug]?.lastRunID = runID
            lines[slug]?.lastStatus = status
            lines[slug]?.loaded = Int(loaded)
            lines[slug]?.rejected = Int(rejected)
        }
        for (relation, keyPath) in [("marts.structures", \Line.structures), ("marts.services", \Line.services),
                                    ("marts.unknown_values", \Line.unknownValues)] as [(String, WritableKeyPath<Line, Int>)] {
            guard try await database.scalarInt("select count(*) from pg_class where oid = to_regclass('\(relation)')") > 0 else { continue }
            for row in try await database.rows("select source, count(*)::bigint from \(relation) group by source") {
                let (slug, count) = try row.decode((String, Int64).self)
                lines[slug]?[keyPath: keyPath] = Int(count)
            }
        }
        return SourceCatalog.all.compactMap { lines[$0.slug] }
    }

    public static func render(_ lines: [Line]) -> String {
        var output = [pad("source", 23) + pad("last load", 19) + pad("loaded", 8) + pad("rejected", 9)
                      + pad("structures", 11) + pad("services", 9) + "unknown values"]
        for line in lines {
            let status = line.lastStatus.map { "\($0) (run \(line.lastRunID ?? 0))" } ?? "never"
            output.append(pad(line.source.slug, 23) + pad(status, 19) + pad(String(line.loaded), 8) + pad(String(line.rejected), 9)
                          + pad(String(line.structures), 11) + pad(String(line.services), 9) + String(line.unknownValues))
            for stream in line.source.streams {
                output.append("    \(stream.name): \(stream.path) — \(stream.format)\(line.source.isOpenData ? "" : " (not open data)")")
            }
            if line.fetchMode != nil || line.lastFetch != nil {
                output.append("    fetch: \(line.fetchMode ?? "not configured"); last fetch: \(line.lastFetch ?? "never")")
            }
        }
        output.append("")
        output.append("loaded/rejected: records of the last load that was not skipped (raw.rejects has the reasons); structures/services: rows in the published marts; unknown values: distinct raw values no mapping seed knows (marts.unknown_values).")
        return output.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

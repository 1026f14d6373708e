import Foundation

/// What `SnapshotGenerator.write` produced.
public struct GenerationSummary: Sendable {
    /// Structure records per source slug that reach marts.structures.
    public let recordsPerSource: [String: Int]
    /// Services per source slug (DORA and Soliguide services, one per médiation
    /// numérique place, one per FINESS CMP or MDPH).
    public let servicesPerSource: [String: Int]
    /// Distinct real organisations behind the truth rows.
    public let entities: Int
    public let truthRows: Int
    /// Organisations listed in two sources or more.
    public let multiSourceEntities: Int
    /// Second listings of an organisation in the same source.
    public let withinSourceDuplicates: Int
    /// FINESS lines the pipeline drops by design (categories out of scope,
    /// `geolocalisation` lines); not in the truth file.
    public let ignoredFinessLines: Int
    /// Communes and arrondissements whose organisations were generated.
    public let territories: Int
    /// Written files, relative to the output directory.
    public let files: [String]

    /// Every structure record that reaches the marts.
    public var totalRecords: Int { recordsPerSource.values.reduce(0, +) }

    /// A few lines for the command line.
    public var report: String {
        var lines = ["\(totalRecords) structure records of \(entities) organisations in \(territories) communes"]
        for slug in recordsPerSource.keys.sorted() {
            lines.append("  \(slug): \(recordsPerSource[slug]!) structures, \(servicesPerSource[slug] ?? 0) services")
        }
        lines.append("\(multiSourceEntities) organisations in several sources, \(withinSourceDuplicates) within-source duplicates")
        lines.append("\(ignoredFinessLines) FINESS lines dropped by design (other categories, geolocalisation)")
        lines.append("truth.csv: \(truthRows) rows")
        return lines.joined(separator: "\n")
    }
}

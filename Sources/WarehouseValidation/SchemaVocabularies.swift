import CSV
import Foundation
import WarehouseCore

/// The v1 vocabularies the marts validate against: the project's seeds
/// (`dbt-like-models/seeds/v1_*.csv`, column `value`), so that a file the
/// validator accepts is one the next refresh marks valid.
public struct SchemaVocabularies: Sendable {
    /// The seed that lists each list or choice field's values.
    static let seeds: [String: String] = [
        "reseaux_porteurs": "v1_reseaux_porteurs",
        "thematiques": "v1_thematiques",
        "publics": "v1_publics",
        "modes_accueil": "v1_modes_accueil",
        "modes_mobilisation": "v1_modes_mobilisation",
        "mobilisable_par": "v1_personnes_mobilisatrices",
        "type": "v1_types_de_services",
        "frais": "v1_frais",
    ]

    public let values: [String: Set<String>]

    public init(values: [String: Set<String>]) { self.values = values }

    public static func load(_ layout: ProjectLayout) throws -> SchemaVocabularies {
        var values: [String: Set<String>] = [:]
        for (field, seed) in seeds {
            let file = layout.modelsDirectory.appendingPathComponent("seeds/\(seed).csv")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw WarehouseError.unreadableFile(file: file.path, reason: "the vocabulary of \(field) cannot be read")
            }
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            guard let column = reader.headerRow?.firstIndex(of: "value") else {
                throw WarehouseError.unreadableFile(file: file.path, reason: "no 'value' column")
            }
            var set: Set<String> = []
            while let row = reader.next() {
                if column < row.count { set.insert(row[column]) }
            }
            values[field] = set
        }
        return SchemaVocabularies(values: values)
    }

    public func accepts(_ value: String, in field: String) -> Bool { values[field]?.contains(value) ?? true }

    /// The closest known values, for "did you mean" in messages.
    func suggestion(for value: String, in field: String) -> String? {
        guard let known = values[field], !known.isEmpty else { return nil }
        let lowered = value.lowercased()
        // a value the producer shortened (ccas for ccas-cias): the shortest known value that contains it
        if lowered.count >= 3, let containing = known.filter({ $0.contains(lowered) }).min(by: { ($0.count, $0) < ($1.count, $1) }) {
            return containing
        }
        var best: (value: String, distance: Int)?
        for candidate in known.sorted() {
            let distance = Self.distance(lowered, candidate)
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best, best.distance <= max(3, best.value.count / 3) else { return nil }
        return best.value
    }

    /// Levenshtein distance, for short slugs.
    static func distance(_ left: String, _ right: String) -> Int {
        let a = Array(left), b = Array(right)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

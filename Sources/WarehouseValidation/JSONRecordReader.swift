import Foundation

/// A JSON array of records, or JSON lines (one record per line). A line that
/// is not a JSON object is reported on its row; the other lines are checked.
enum JSONRecordReader {
    /// One element of the file: a record's fields, or why it is not one.
    private enum Element: Decodable {
        case record([String: FieldValue], keys: [String])
        case notAnObject

        private struct Key: CodingKey {
            let stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        init(from decoder: Decoder) throws {
            guard let container = try? decoder.container(keyedBy: Key.self) else { self = .notAnObject; return }
            var fields: [String: FieldValue] = [:]
            for key in container.allKeys { fields[key.stringValue] = try container.decode(FieldValue.self, forKey: key) }
            self = .record(fields, keys: container.allKeys.map(\.stringValue))
        }
    }

    static func read(_ data: Data, file: String, limits: ValidationLimits) throws -> (InputTable, [RowProblem]) {
        let firstByte = data.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        let elements: [Element?]
        if firstByte == UInt8(ascii: "[") {
            do {
                elements = try JSONDecoder().decode([Element].self, from: data)
            } catch {
                throw FileProblem(file: file, rule: "unreadable",
                                  message: "le fichier n'est pas un tableau JSON valide (\(JSONRecordReader.reason(error))) ; vérifiez qu'il n'est pas tronqué")
            }
        } else {
            var lines: [Element?] = []
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
                if trimmed.isEmpty { continue }
                lines.append(try? JSONDecoder().decode(Element.self, from: Data(trimmed)))
                if lines.count > limits.maxRows { break }
            }
            elements = lines
        }
        if elements.count > limits.maxRows { throw tooManyRows(file: file, limits: limits) }
        var columns: [String] = []
        var seen: Set<String> = []
        var records: [InputRecord] = []
        var problems: [RowProblem] = []
        for (index, element) in elements.enumerated() {
            switch element {
            case .record(let fields, let keys)?:
                for key in keys where seen.insert(key).inserted { columns.append(key) }
                records.append(InputRecord(row: index + 1, fields: fields))
            case .notAnObject?:
                problems.append(.init(row: index + 1, message: "cette ligne n'est pas un objet JSON ({\"champ\": valeur, …})"))
            case nil:
                problems.append(.init(row: index + 1, message: "cette ligne n'est pas du JSON valide"))
            }
        }
        return (InputTable(columns: columns, records: records, isTabular: false), problems)
    }

    static func tooManyRows(file: String, limits: ValidationLimits) -> FileProblem {
        FileProblem(file: file, rule: "too_many_rows",
                    message: "le fichier a plus de \(limits.maxRows) lignes, la limite du valideur ; découpez-le en plusieurs fichiers")
    }

    private static func reason(_ error: Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" }) ?? context.debugDescription
        }
        return "\(error)"
    }
}

import Foundation

/// One broken rule of a record, before it is placed (file, row) and worded.
struct Finding: Equatable {
    let field: String
    let rule: String
    let value: String?
    /// What the message adds: a limit, a suggestion, the expected type.
    var detail: String? = nil
}

/// Reads a field as the marts' macros do: texts trimmed and empty ones null,
/// list items trimmed and empty ones dropped. A CSV or XLSX cell is text: a
/// list is written "a,b" (or as a JSON array), a number with '.' or ','.
/// A JSON value of the wrong type is a `type` finding, as pydantic rejects it.
struct FieldReader {
    let record: InputRecord
    let isTabular: Bool
    var findings: [Finding] = []

    init(record: InputRecord, isTabular: Bool) {
        self.record = record
        self.isTabular = isTabular
    }

    static func cleaned(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    mutating func text(_ field: String) -> String? {
        switch record[field] {
        case .null: return nil
        case .text(let text): return Self.cleaned(text)
        case .number(_, let literal) where isTabular: return literal
        case let other:
            findings.append(Finding(field: field, rule: "type", value: other.display, detail: "un texte"))
            return nil
        }
    }

    mutating func number(_ field: String, integer: Bool = false) -> Double? {
        let raw = record[field]
        var parsed: Double?
        switch raw {
        case .null: return nil
        case .number(let value, _): parsed = value
        case .text(let text):
            guard let cleaned = Self.cleaned(text) else { return nil }
            parsed = Double(cleaned.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: " ", with: ""))
        default: parsed = nil
        }
        guard let value = parsed, value.isFinite, !integer || value == value.rounded() else {
            findings.append(Finding(field: field, rule: "type", value: raw.display, detail: integer ? "un nombre entier" : "un nombre"))
            return nil
        }
        return value
    }

    /// nil when absent; [] when given empty (a JSON `[]`), which min_items catches.
    mutating func list(_ field: String) -> [String?]? {
        switch record[field] {
        case .null: return nil
        case .list(let items):
            var values: [String?] = []
            for item in items {
                switch item {
                case .text(let text): if let cleaned = Self.cleaned(text) { values.append(cleaned) }
                case .null: values.append(nil)
                default:
                    findings.append(Finding(field: field, rule: "type", value: item.display, detail: "une liste de textes"))
                }
            }
            return values
        case .text(let text) where isTabular:
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix("["), let data = trimmed.data(using: .utf8), let items = try? JSONDecoder().decode([String].self, from: data) {
                return items.compactMap(Self.cleaned)
            }
            let items = trimmed.split(separator: ",").compactMap { Self.cleaned(String($0)) }
            return items.isEmpty ? nil : items
        case let other:
            findings.append(Finding(field: field, rule: "type", value: other.display, detail: "une liste (un tableau JSON)"))
            return nil
        }
    }

    /// A date written YYYY-MM-DD; anything else (a date-time, 12/03/2024) is a `date` finding.
    mutating func date(_ field: String) -> String? {
        guard let text = text(field) else { return nil }
        guard FieldFormats.isCalendarDate(text) else {
            findings.append(Finding(field: field, rule: "date", value: text))
            return nil
        }
        return text
    }

    /// Whether the field holds something (for `required`), whatever its type.
    func isPresent(_ field: String) -> Bool {
        switch record[field] {
        case .null: return false
        case .text(let text): return Self.cleaned(text) != nil
        default: return true
        }
    }
}

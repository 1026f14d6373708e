import Foundation

/// A value as a producer's file gives it. CSV and XLSX cells are always
/// `.text` (lists written "a,b" are split when the field is a list); JSON
/// keeps its types, so that a string where the schema wants a list is seen.
public enum FieldValue: Sendable, Equatable, Decodable {
    case null
    case text(String)
    case number(Double, literal: String)
    case bool(Bool)
    case list([FieldValue])
    /// A JSON object, which no field of either schema accepts.
    case object

    /// The value as the error table shows it.
    public var display: String {
        switch self {
        case .null: return "null"
        case .text(let text): return text
        case .number(_, let literal): return literal
        case .bool(let value): return value ? "true" : "false"
        case .list(let items): return "[" + items.map(\.display).joined(separator: ", ") + "]"
        case .object: return "{…}"
        }
    }

    /// JSON's own types, a boolean never read as a number (the decoder is strict).
    public init(from decoder: Decoder) throws {
        if let container = try? decoder.singleValueContainer() {
            if container.decodeNil() { self = .null; return }
            if let value = try? container.decode(Bool.self) { self = .bool(value); return }
            if let value = try? container.decode(Double.self) {
                self = .number(value, literal: value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value))
                return
            }
            if let value = try? container.decode(String.self) { self = .text(value); return }
        }
        if var items = try? decoder.unkeyedContainer() {
            var values: [FieldValue] = []
            while !items.isAtEnd { values.append(try items.decode(FieldValue.self)) }
            self = .list(values)
            return
        }
        self = .object
    }
}

/// One row of a producer's file: its 1-based row number (the data row,
/// the header not counted) and its fields by column name.
public struct InputRecord: Sendable {
    public let row: Int
    public let fields: [String: FieldValue]

    public init(row: Int, fields: [String: FieldValue]) {
        self.row = row
        self.fields = fields
    }

    public subscript(field: String) -> FieldValue { fields[field] ?? .null }
}

/// What a reader found in a file: its records and its columns (for guessing
/// the entity and naming the columns the schema ignores).
public struct InputTable: Sendable {
    public let columns: [String]
    public let records: [InputRecord]
    /// Whether cells are text that still has to be typed (CSV, XLSX).
    public let isTabular: Bool
}

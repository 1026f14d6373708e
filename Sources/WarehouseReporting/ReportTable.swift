import Foundation
import PostgresNIO

/// One value of a report table: what the JSON carries typed, and the text
/// report prints.
public enum ReportValue: Sendable, Equatable, Codable {
    case integer(Int)
    case number(Double)
    case text(String)
    case boolean(Bool)
    case null

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .boolean(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(Bool.self) { self = .boolean(value) }
        else { self = .text(try container.decode(String.self)) }
    }

    /// As the text report prints it: shares and scores with three decimals at most.
    public var display: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value):
            let rounded = (value * 1000).rounded() / 1000
            return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        case .text(let value): return value
        case .boolean(let value): return value ? "yes" : "no"
        case .null: return "–"
        }
    }

    /// A PostgreSQL cell by its type: integers, floating numbers (numeric
    /// too), booleans; anything else as its text.
    init(_ cell: PostgresCell) throws {
        guard cell.bytes != nil else { self = .null; return }
        switch cell.dataType {
        case .int2, .int4, .int8: self = .integer(try cell.decode(Int.self))
        case .float4, .float8: self = .number(try cell.decode(Double.self))
        case .numeric:
            let decimal = try cell.decode(Decimal.self)
            self = .number(NSDecimalNumber(decimal: decimal).doubleValue)
        case .bool: self = .boolean(try cell.decode(Bool.self))
        case .date, .timestamp, .timestamptz:
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = cell.dataType == .date ? [.withFullDate] : [.withInternetDateTime]
            self = .text(formatter.string(from: try cell.decode(Date.self)))
        default: self = .text(try cell.decode(String.self))
        }
    }
}

/// A titled table of the report: named columns, typed rows.
public struct ReportTable: Sendable, Codable, Equatable {
    public let title: String
    public let columns: [String]
    public let rows: [[ReportValue]]

    public init(title: String, columns: [String], rows: [[ReportValue]]) {
        self.title = title
        self.columns = columns
        self.rows = rows
    }

    /// The column's values, by name (for checks and summaries).
    public func values(of column: String) -> [ReportValue] {
        guard let index = columns.firstIndex(of: column) else { return [] }
        return rows.map { $0[index] }
    }
}

/// A part of the report (consumption, coverage, quality, deduplication,
/// pipeline): a few headline figures and tables.
public struct ReportSection: Sendable, Codable, Equatable {
    public let title: String
    public let figures: [ReportFigure]
    public let tables: [ReportTable]
}

public struct ReportFigure: Sendable, Codable, Equatable {
    public let name: String
    public let value: ReportValue
}

/// The whole report, as `warehouse report --format json` writes it.
public struct WarehouseReport: Sendable, Codable, Equatable {
    public let since: String
    public let generatedAt: String
    public let publishedVersion: Int?
    public let sections: [ReportSection]

    enum CodingKeys: String, CodingKey {
        case since
        case generatedAt = "generated_at"
        case publishedVersion = "published_version"
        case sections
    }

    public func section(_ title: String) -> ReportSection? { sections.first { $0.title == title } }
}

extension ReportSection {
    public func table(_ title: String) -> ReportTable? { tables.first { $0.title == title } }
    public func figure(_ name: String) -> ReportValue? { figures.first { $0.name == name }?.value }
}

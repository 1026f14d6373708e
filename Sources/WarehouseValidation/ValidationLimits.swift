import Foundation

/// How big a file the validator reads. A file over a limit is refused as a
/// whole with a message naming the limit, before any row is checked.
public struct ValidationLimits: Sendable {
    public var maxBytes: Int
    public var maxRows: Int
    /// What an XLSX's sheet may inflate to (a small zip can expand a lot).
    public var maxUncompressedBytes: Int

    public init(maxBytes: Int = 50 * 1_048_576, maxRows: Int = 200_000, maxUncompressedBytes: Int = 500 * 1_048_576) {
        self.maxBytes = maxBytes
        self.maxRows = maxRows
        self.maxUncompressedBytes = maxUncompressedBytes
    }

    /// The command line's default: a national export of one producer fits.
    public static let commandLine = ValidationLimits()
    /// The web page's: an upload as data·inclusion's valideur takes (5 MB).
    public static let upload = ValidationLimits(maxBytes: 5 * 1_048_576, maxRows: 50_000, maxUncompressedBytes: 100 * 1_048_576)

    public static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return value >= 1 ? String(format: "%.0f Mo", value) : "\(bytes) octets"
    }
}

/// Why a file could not be read at all (as opposed to rows that break rules).
public struct FileProblem: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public let file: String
    /// A short code: too_large, too_many_rows, unreadable, unknown_format, entity_unknown.
    public let rule: String
    public let message: String

    public init(file: String, rule: String, message: String) {
        self.file = file
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(file) : \(message)" }
}

/// A row that could not be read as a record (not JSON, not an object, a CSV
/// row with more cells than the header); its neighbours are still checked.
public struct RowProblem: Sendable, Equatable {
    public let row: Int
    public let message: String
}

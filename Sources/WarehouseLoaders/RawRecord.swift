import Foundation

/// One record of a snapshot, as the loader classified it.
public struct RawRecord: Sendable {
    /// 1-based position of the record in its stream (across files).
    public let recordNumber: Int
    /// The file the record came from, relative to the source folder.
    public let fileName: String
    public let fileSHA256: String
    /// The record as JSON text: the original bytes for JSON files, the
    /// object built from the line, element or page for other formats.
    public let payload: Data
    /// Why the record cannot be loaded, or nil when it is good.
    public let rejectReason: String?
}

/// A record as a format reader returns it, before it is numbered.
struct ParsedRecord {
    let payload: Data
    let rejectReason: String?

    /// A record built by the loader from a line, an element or a page.
    static func object(_ object: [String: Any], idField: String) throws -> ParsedRecord {
        ParsedRecord(payload: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]),
                     rejectReason: RecordRules.rejectReason(object, idField: idField))
    }
}

/// Every record of one stream.
public struct StreamSnapshot: Sendable {
    public let stream: String
    public let records: [RawRecord]

    public var goodRecords: [RawRecord] { records.filter { $0.rejectReason == nil } }
    public var rejectedRecords: [RawRecord] { records.filter { $0.rejectReason != nil } }
}

/// The rule every record must pass to land in its raw table.
enum RecordRules {
    static func rejectReason(_ element: Any, idField: String) -> String? {
        guard let object = element as? [String: Any] else { return "record is not a JSON object" }
        switch object[idField] {
        case nil, is NSNull:
            return "record has no '\(idField)'"
        case let text as String where text.trimmingCharacters(in: .whitespaces).isEmpty:
            return "record has an empty '\(idField)'"
        default:
            return nil
        }
    }
}

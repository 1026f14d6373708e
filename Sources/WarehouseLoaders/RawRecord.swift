import Foundation

/// One record of a snapshot, as the loader classified it.
public struct RawRecord: Sendable {
    /// 1-based position of the record in its stream (across files).
    public let recordNumber: Int
    /// The file the record came from, relative to the source folder.
    public let fileName: String
    public let fileSHA256: String
    /// The record as JSON text: the original bytes for JSON files, the
    /// object built from the line, element or page for other formats. For a
    /// rejected record, text that `raw.rejects` can store (RejectedPayload).
    public let payload: Data
    /// Why the record cannot be loaded, or nil when it is good.
    public let rejectReason: String?
    /// The record's native id, by which duplicates are found.
    let identity: RecordIdentity?

    init(recordNumber: Int, fileName: String, fileSHA256: String, parsed: ParsedRecord) {
        self.recordNumber = recordNumber
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.payload = parsed.rejectReason == nil ? parsed.payload : RejectedPayload.storable(parsed.payload)
        self.rejectReason = parsed.rejectReason
        self.identity = parsed.identity
    }

    /// The same record, rejected after the fact (a duplicate id).
    func rejected(because reason: String) -> RawRecord {
        RawRecord(recordNumber: recordNumber, fileName: fileName, fileSHA256: fileSHA256,
                  parsed: ParsedRecord(payload: payload, rejectReason: reason, identity: identity))
    }
}

/// A record's native id, as `data ->> '<id field>'` reads it in staging.
struct RecordIdentity: Sendable, Hashable {
    let field: String
    let value: String
    /// Records that share an id by design are told apart by their kind: a
    /// FINESS `structureet` line and the `geolocalisation` line of the same
    /// establishment.
    var kind: String?
}

/// A record as a format reader returns it, before it is numbered.
struct ParsedRecord {
    let payload: Data
    let rejectReason: String?
    var identity: RecordIdentity?

    init(payload: Data, rejectReason: String?, identity: RecordIdentity? = nil) {
        self.payload = payload
        self.rejectReason = rejectReason
        self.identity = identity
    }

    /// A record built by the loader from a line, an element or a page.
    /// `location` names it in reasons ("record 3 of aides.csv (line 4)").
    static func object(_ object: [String: Any], idField: String, location: String, kind: String? = nil) throws -> ParsedRecord {
        let payload = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        if let oversized = RecordRules.oversizedText(in: object) {
            return ParsedRecord(payload: payload, rejectReason:
                "\(location), field '\(oversized.field)': a text of \(oversized.bytes) bytes (\(LoadLimits.textBytesInWords))")
        }
        if let reason = RecordRules.rejectReason(object, idField: idField) {
            return ParsedRecord(payload: payload, rejectReason: reason)
        }
        let value = object[idField].map { $0 as? String ?? "\($0)" } ?? ""
        return ParsedRecord(payload: payload, rejectReason: nil,
                            identity: RecordIdentity(field: idField, value: value, kind: kind))
    }
}

/// Every record of one stream.
public struct StreamSnapshot: Sendable {
    public let stream: String
    public let records: [RawRecord]

    public var goodRecords: [RawRecord] { records.filter { $0.rejectReason == nil } }
    public var rejectedRecords: [RawRecord] { records.filter { $0.rejectReason != nil } }
}

/// The rules every record must pass to land in its raw table.
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

    /// The first text over `LoadLimits.textBytes`, with its path in the
    /// record ("action.session.adresse"), in key order so the answer is stable.
    static func oversizedText(in value: Any, path: String = "") -> (field: String, bytes: Int)? {
        switch value {
        case let text as String:
            let bytes = text.utf8.count
            return bytes > LoadLimits.textBytes ? (path, bytes) : nil
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = oversizedText(in: object[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case let array as [Any]:
            for element in array {
                if let found = oversizedText(in: element, path: path) { return found }
            }
            return nil
        default:
            return nil
        }
    }
}

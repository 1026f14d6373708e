import Crypto
import Foundation
import WarehouseCore

/// Reads a stream stored as one JSON array: checks the whole file is valid
/// JSON (a broken file fails its source, naming the byte offset), then keeps
/// each element's original bytes and rejects elements that are not objects
/// or lack their id.
enum JSONArrayReader {
    static func read(file: URL, stream: StreamDefinition) throws -> StreamSnapshot {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw WarehouseError.unreadableFile(file: file.path, reason: error.localizedDescription)
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw WarehouseError.invalidJSON(file: file.path, byteOffset: byteOffset(of: error) ?? 0,
                                             reason: "the parser stopped here")
        }
        guard let elements = parsed as? [Any] else {
            throw WarehouseError.invalidJSON(file: file.path, byteOffset: 0, reason: "expected a JSON array of records")
        }
        let ranges = data.withUnsafeBytes { JSONArraySplitter.elementRanges(in: $0.bindMemory(to: UInt8.self)) }
        precondition(ranges.count == elements.count, "splitter and parser disagree on \(file.path)")
        let records = zip(elements, ranges).enumerated().map { index, pair in
            RawRecord(recordNumber: index + 1, payload: data.subdata(in: pair.1),
                      rejectReason: rejectReason(pair.0, idField: stream.idField))
        }
        return StreamSnapshot(stream: stream.name, fileName: file.lastPathComponent,
                              sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(),
                              records: records)
    }

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

    /// Foundation reports "… around character N." where N is a byte index.
    static func byteOffset(of error: any Error) -> Int? {
        let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        guard let range = text.range(of: "character ") else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }
}

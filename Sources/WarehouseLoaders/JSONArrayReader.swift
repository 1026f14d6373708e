import Foundation
import WarehouseCore

/// Reads a stream stored as a JSON array (at the top, or under a key of a
/// top-level object): checks the whole file is valid JSON (a broken file
/// fails its source, naming the byte offset), then keeps each element and
/// rejects elements that are not objects or lack their id.
enum JSONArrayReader {
    static func records(in data: Data, file: String, underKey key: String?, idField: String) throws -> [ParsedRecord] {
        // The fast path: a top-level array checked with JSONDecoder, keeping
        // each element's original bytes.
        if key == nil, let probes = RecordProbe.probe(data, idField: idField) {
            let ranges = data.withUnsafeBytes { JSONArraySplitter.elementRanges(in: $0.bindMemory(to: UInt8.self)) }
            guard ranges.count == probes.count else {
                throw WarehouseError.invalidJSON(file: file, byteOffset: 0, reason: "could not delimit the array's elements")
            }
            return zip(probes, ranges).map { ParsedRecord(payload: data.subdata(in: $1), rejectReason: $0.rejectReason) }
        }
        // Otherwise parse the whole document: JSONSerialization names the byte
        // where invalid JSON stops, which the error message needs.
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw WarehouseError.invalidJSON(file: file, byteOffset: byteOffset(of: error) ?? 0, reason: "the parser stopped here")
        }
        if let key {
            guard let object = parsed as? [String: Any], let elements = object[key] as? [Any] else {
                throw WarehouseError.invalidJSON(file: file, byteOffset: 0, reason: "expected an object with an array at '\(key)'")
            }
            // Elements of a nested array are re-serialized: their bytes are not
            // needed exactly, jsonb normalizes them anyway.
            return try elements.map { element in
                guard JSONSerialization.isValidJSONObject(element) else {
                    return ParsedRecord(payload: Data("\(element)".utf8), rejectReason: "record is not a JSON object")
                }
                return ParsedRecord(payload: try JSONSerialization.data(withJSONObject: element),
                                    rejectReason: RecordRules.rejectReason(element, idField: idField))
            }
        }
        throw WarehouseError.invalidJSON(file: file, byteOffset: 0, reason: "expected a JSON array of records")
    }

    /// Foundation reports "… around character N." where N is a byte index.
    static func byteOffset(of error: any Error) -> Int? {
        let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
        guard let range = text.range(of: "character ") else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }
}

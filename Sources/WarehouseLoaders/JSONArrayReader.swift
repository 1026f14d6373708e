import Foundation
import WarehouseCore

/// Reads a stream stored as a JSON array (at the top, or under a key of a
/// top-level object) in one pass over the bytes (JSONScanner). Each element
/// is kept with its original bytes. A file that stops being JSON fails its
/// source, naming the byte where the scan stopped and the record it was in;
/// an element that is well delimited but damaged (invalid UTF-8, too deep, a
/// string over the size limit…), not an object, or without its id is
/// rejected alone with the reason, and the other elements are kept.
enum JSONArrayReader {
    static func records(in data: Data, file: SnapshotFile, underKey key: String?, idField: String) throws -> [ParsedRecord] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> [ParsedRecord] in
            var reader = JSONRecordsScan(bytes: raw.bindMemory(to: UInt8.self), file: file, idField: idField)
            do {
                return try reader.read(underKey: key)
            } catch let fault as JSONSyntaxFault {
                throw WarehouseError.invalidJSON(file: file.path, byteOffset: fault.offset, reason: reader.explain(fault))
            }
        }
    }
}

/// One pass over a file's bytes, gathering its records.
private struct JSONRecordsScan {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: SnapshotFile
    let idField: String
    var scanner: JSONScanner
    var positions: TextPositionTracker
    var records: [ParsedRecord] = []
    /// Where the record being scanned starts, for the message of a fault inside it.
    var recordStart: Int?

    init(bytes: UnsafeBufferPointer<UInt8>, file: SnapshotFile, idField: String) {
        self.bytes = bytes
        self.file = file
        self.idField = idField
        // A UTF-8 byte order mark is not part of the JSON text (RFC 8259 §8.1 lets a reader skip it).
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        scanner = JSONScanner(bytes: bytes, position: start)
        positions = TextPositionTracker(bytes)
    }

    mutating func read(underKey key: String?) throws(JSONSyntaxFault) -> [ParsedRecord] {
        scanner.skipWhitespace()
        guard scanner.current != nil else {
            throw scanner.fault("empty file: it holds no JSON value, only white space")
        }
        if let key { try readObject(holdingRecordsAt: key) } else { try readRecordsArray() }
        let end = scanner.position
        scanner.skipWhitespace()
        guard scanner.current == nil else {
            throw scanner.fault("more content after the top-level value, which ends at byte \(end), found \(scanner.foundHere)")
        }
        return records
    }

    /// Why the file fails: the line and the record the scan was in, then what it found.
    mutating func explain(_ fault: JSONSyntaxFault) -> String {
        var place = "\(positions.position(of: fault.offset))"
        if let recordStart { place += ", in \(file.record(records.count)) (which starts at byte \(recordStart))" }
        return "\(place): \(fault.problem)"
    }

    private mutating func readObject(holdingRecordsAt key: String) throws(JSONSyntaxFault) {
        guard scanner.current == UInt8(ascii: "{") else {
            throw scanner.fault("expected a JSON object with an array of records at '\(key)', found \(scanner.foundHere)")
        }
        var found = false
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "}") {
            scanner.position += 1
        } else {
            while true {
                let name = try scanner.scanMemberName()
                scanner.skipWhitespace()
                if decodedString(name) == key {
                    guard !found else { throw scanner.fault("a second '\(key)' member in the top-level object") }
                    found = true
                    try readRecordsArray()
                } else {
                    // Other members are not records: only their grammar matters.
                    try scanner.scanValue(depth: 0)
                    scanner.clearDamage()
                }
                scanner.skipWhitespace()
                if scanner.current == UInt8(ascii: ",") {
                    scanner.position += 1
                    scanner.skipWhitespace()
                    continue
                }
                try scanner.expect(UInt8(ascii: "}"), "',' or '}' in the top-level object")
                break
            }
        }
        guard found else {
            throw JSONSyntaxFault(offset: scanner.position, problem: "the top-level object has no '\(key)' member holding the records")
        }
    }

    private mutating func readRecordsArray() throws(JSONSyntaxFault) {
        guard scanner.current == UInt8(ascii: "[") else {
            throw scanner.fault("expected a JSON array of records, found \(scanner.foundHere)")
        }
        scanner.position += 1
        scanner.skipWhitespace()
        if scanner.current == UInt8(ascii: "]") {
            scanner.position += 1
            return
        }
        while true {
            scanner.skipWhitespace()
            try readRecord()
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: ",") {
                scanner.position += 1
                continue
            }
            try scanner.expect(UInt8(ascii: "]"), "',' or ']' after \(file.record(records.count - 1))")
            return
        }
    }

    private mutating func readRecord() throws(JSONSyntaxFault) {
        let start = scanner.position
        recordStart = start
        scanner.clearDamage()
        var isObject = false
        var idValue: Range<Int>?
        var damagedField: String?
        if scanner.current == UInt8(ascii: "{") {
            isObject = true
            scanner.position += 1
            scanner.skipWhitespace()
            if scanner.current == UInt8(ascii: "}") {
                scanner.position += 1
            } else {
                while true {
                    let name = try scanner.scanMemberName()
                    scanner.skipWhitespace()
                    let valueStart = scanner.position
                    let wasDamaged = scanner.damage != nil
                    try scanner.scanValue(depth: 1)
                    let isID = isIDField(name)
                    // jsonb keeps the last of repeated keys: so does the id.
                    if isID { idValue = valueStart..<scanner.position }
                    if !wasDamaged, scanner.damage != nil { damagedField = decodedString(name) }
                    scanner.skipWhitespace()
                    if scanner.current == UInt8(ascii: ",") {
                        scanner.position += 1
                        scanner.skipWhitespace()
                        continue
                    }
                    try scanner.expect(UInt8(ascii: "}"), "',' or '}' after a member")
                    break
                }
            }
        } else {
            try scanner.scanValue(depth: 0)
        }
        let range = start..<scanner.position
        recordStart = nil
        let payload = Data(UnsafeBufferPointer(rebasing: bytes[range]))
        let index = records.count
        if let damage = scanner.damage {
            let field = damagedField.map { ", field '\($0)'" } ?? ""
            let place = "\(file.record(index))\(field), byte \(damage.offset) (\(positions.position(of: damage.offset)))"
            records.append(ParsedRecord(payload: payload, rejectReason: "\(place): \(damage.problem)"))
        } else if !isObject {
            records.append(ParsedRecord(payload: payload, rejectReason: "record is not a JSON object"))
        } else {
            records.append(identified(payload, idValue: idValue))
        }
    }

    /// The record with its id, or rejected for want of one (the reasons of RecordRules).
    private func identified(_ payload: Data, idValue: Range<Int>?) -> ParsedRecord {
        guard let idValue, !bytes[idValue].elementsEqual("null".utf8) else {
            return ParsedRecord(payload: payload, rejectReason: "record has no '\(idField)'")
        }
        let value: String
        if bytes[idValue.lowerBound] == UInt8(ascii: "\"") {
            value = decodedString((idValue.lowerBound + 1)..<(idValue.upperBound - 1))
            if value.trimmingCharacters(in: .whitespaces).isEmpty {
                return ParsedRecord(payload: payload, rejectReason: "record has an empty '\(idField)'")
            }
        } else {
            value = String(decoding: UnsafeBufferPointer(rebasing: bytes[idValue]), as: UTF8.self)
        }
        return ParsedRecord(payload: payload, rejectReason: nil, identity: RecordIdentity(field: idField, value: value))
    }

    private func isIDField(_ name: Range<Int>) -> Bool {
        if bytes[name].elementsEqual(idField.utf8) { return true }
        return bytes[name].contains(UInt8(ascii: "\\")) && decodedString(name) == idField
    }

    /// The text of a string whose content (between the quotes) is `range`.
    private func decodedString(_ range: Range<Int>) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[range])
        guard content.contains(UInt8(ascii: "\\")) else { return String(decoding: content, as: UTF8.self) }
        let quoted = Data([UInt8(ascii: "\"")] + Array(content) + [UInt8(ascii: "\"")])
        return (try? JSONSerialization.jsonObject(with: quoted, options: [.fragmentsAllowed])) as? String
            ?? String(decoding: content, as: UTF8.self)
    }
}

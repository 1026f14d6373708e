import Foundation
import WarehouseCore

/// CSV exports with a header line (Grist, Airtable): one object per data
/// line, `{header: cell}`, every cell text, an empty cell `null`. The file
/// fails its source when it cannot be read as the expected CSV: another
/// encoding, a header without the id column (no header line, or another
/// delimiter), a header naming a column twice, a quoted cell never closed.
/// A line fails alone, rejected with the reason: the wrong number of cells,
/// bytes that are not UTF-8, text after a closing quote, a cell over the
/// size limit, no id.
enum CSVRecordReader {
    static func records(in data: Data, file: SnapshotFile, delimiter: Character, idField: String) throws -> [ParsedRecord] {
        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> [ParsedRecord] in
            let bytes = raw.bindMemory(to: UInt8.self)
            try checkEncoding(bytes, file: file)
            // A UTF-8 byte order mark is not part of the first header.
            let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var scanner = CSVRowScanner(bytes: bytes, delimiter: delimiter.asciiValue ?? UInt8(ascii: ","), start: start)
            do {
                guard let headerRow = try scanner.nextRow() else {
                    throw WarehouseError.unreadableFile(file: file.path, reason: "empty file: no header line")
                }
                let header = try headerNames(headerRow, bytes: bytes, file: file)
                try checkHeader(header, file: file.path, delimiter: delimiter, idField: idField)
                var records: [ParsedRecord] = []
                while let row = try scanner.nextRow() {
                    if row.isBlank { continue }
                    records.append(try record(row, header: header, bytes: bytes, file: file, index: records.count, idField: idField))
                }
                return records
            } catch let fault as CSVFault {
                var positions = TextPositionTracker(bytes)
                throw WarehouseError.unreadableFile(file: file.path, reason:
                    "not valid CSV at byte \(fault.offset) (\(positions.position(of: fault.offset))): \(fault.problem)")
            }
        }
    }

    /// A file with bytes that are not UTF-8 and no multi-byte UTF-8
    /// character at all is in another encoding (a Latin-1 or Windows-1252
    /// export): it fails. In a UTF-8 file, a line with broken bytes is
    /// rejected alone (`record`).
    private static func checkEncoding(_ bytes: UnsafeBufferPointer<UInt8>, file: SnapshotFile) throws {
        guard let invalid = TextDecoding.firstInvalidUTF8Byte(in: bytes, range: 0..<bytes.count) else { return }
        var index = 0
        while index < bytes.count {
            if bytes[index] >= 0x80, let length = TextDecoding.utf8SequenceLength(at: index, in: bytes, end: bytes.count) {
                if length > 1 { return }
            }
            index += 1
        }
        let position = TextPositionTracker.position(of: invalid, in: bytes)
        throw WarehouseError.unreadableFile(file: file.path, reason:
            "not UTF-8 (first invalid byte at offset \(invalid)) at \(position), and no character of the file is multi-byte UTF-8: the file is in another encoding (Latin-1?)")
    }

    private static func headerNames(_ row: CSVRow, bytes: UnsafeBufferPointer<UInt8>, file: SnapshotFile) throws -> [String] {
        try row.cells.map { cell in
            guard let text = String(validating: cell.bytes, as: UTF8.self) else {
                throw WarehouseError.unreadableFile(file: file.path, reason: "the header line is not UTF-8 (byte \(cell.start) holds the cell with the invalid byte)")
            }
            return text
        }
    }

    /// A header read as one column that contains another usual delimiter
    /// means the file is not delimited as expected; a header without the id
    /// column is no header of this stream (a missing header line, a file of
    /// another source); a column named twice would lose one of its cells.
    static func checkHeader(_ header: [String], file: String, delimiter: Character, idField: String) throws {
        if header.count == 1, let other = [";", ",", "\t"].first(where: { $0 != delimiter && header[0].contains($0) }) {
            throw WarehouseError.unreadableFile(
                file: file, reason: "the header looks \(other == "\t" ? "tab" : "'\(other)'")-delimited, expected '\(delimiter)'")
        }
        guard header.contains(idField) else {
            throw WarehouseError.unreadableFile(file: file, reason:
                "the header has no '\(idField)' column (found: \(header.prefix(8).joined(separator: ", "))): the header line is missing, or the file is of another stream")
        }
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if let first = seen[name] {
                throw WarehouseError.unreadableFile(file: file, reason: "the header names '\(name)' twice (columns \(first + 1) and \(index + 1))")
            }
            seen[name] = index
        }
    }

    private static func record(_ row: CSVRow, header: [String], bytes: UnsafeBufferPointer<UInt8>, file: SnapshotFile,
                               index: Int, idField: String) throws -> ParsedRecord {
        let location = "\(file.record(index)) (line \(row.line))"
        let cells = row.cells.map { String(decoding: $0.bytes, as: UTF8.self) }
        guard row.cells.count == header.count else {
            return ParsedRecord(payload: try JSONSerialization.data(withJSONObject: ["cells": cells]),
                                rejectReason: "line has \(row.cells.count) cells, the header has \(header.count)")
        }
        var object: [String: Any] = [:]
        for (name, cell) in zip(header, cells) { object[name] = cell.isEmpty ? NSNull() : cell }
        if let invalid = TextDecoding.firstInvalidUTF8Byte(in: bytes, range: row.byteRange) {
            let cell = row.cells.lastIndex { $0.start <= invalid } ?? 0
            return ParsedRecord(payload: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), rejectReason:
                "\(location), column '\(header[cell])', byte \(invalid): invalid UTF-8 (byte \(TextDecoding.hex(bytes[invalid])))")
        }
        if let stray = row.strayTextAfterQuote {
            return ParsedRecord(payload: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), rejectReason:
                "\(location), column '\(header[stray.cell])', byte \(stray.offset): text after the closing quote of a quoted cell")
        }
        return try .object(object, idField: idField, location: location)
    }
}

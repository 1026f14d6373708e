import CSV
import Foundation
import WarehouseCore

/// CSV exports with a header line (Grist, Airtable): one object per data
/// line, `{header: cell}`, every cell text, an empty cell `null`. A file
/// that is not UTF-8, or whose header shows another delimiter, fails its
/// source; a line with the wrong number of cells is rejected on its own.
enum CSVRecordReader {
    static func records(in data: Data, file: String, delimiter: Character, idField: String) throws -> [ParsedRecord] {
        var text = try TextDecoding.utf8(data, file: file)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, delimiter: delimiter.unicodeScalars.first!)
        } catch {
            throw WarehouseError.unreadableFile(file: file, reason: "not a CSV file: \(error)")
        }
        let header = reader.headerRow ?? []
        try checkHeader(header, file: file, delimiter: delimiter, idField: idField)
        var records: [ParsedRecord] = []
        while let row = reader.next() {
            if row.count == 1, row[0].isEmpty { continue }  // a blank line
            guard row.count == header.count else {
                let cells = row.map { $0 as Any }
                records.append(ParsedRecord(
                    payload: try JSONSerialization.data(withJSONObject: ["cells": cells]),
                    rejectReason: "line has \(row.count) cells, the header has \(header.count)"))
                continue
            }
            var object: [String: Any] = [:]
            for (name, cell) in zip(header, row) { object[name] = cell.isEmpty ? NSNull() : cell }
            records.append(try .object(object, idField: idField))
        }
        if let error = reader.error {
            throw WarehouseError.unreadableFile(file: file, reason: "CSV parsing stopped after record \(records.count): \(error)")
        }
        return records
    }

    /// A header read as one column that contains another usual delimiter
    /// means the file is not delimited as expected.
    static func checkHeader(_ header: [String], file: String, delimiter: Character, idField: String) throws {
        if header.count == 1, let other = [";", ",", "\t"].first(where: { $0 != delimiter && header[0].contains($0) }) {
            throw WarehouseError.unreadableFile(
                file: file, reason: "the header looks \(other == "\t" ? "tab" : "'\(other)'")-delimited, expected '\(delimiter)'")
        }
        guard header.contains(idField) else {
            throw WarehouseError.unreadableFile(file: file, reason: "the header has no '\(idField)' column (found: \(header.prefix(8).joined(separator: ", ")))")
        }
    }
}

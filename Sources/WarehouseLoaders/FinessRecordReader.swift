import Foundation
import WarehouseCore

/// The FINESS establishments extraction: `;`-separated text without header,
/// a banner first line (`finess;etalab;…`), then one line per establishment
/// with 32 fixed columns. Old files are Latin-1. A `structureet` line and
/// the `geolocalisation` line of the same establishment share their
/// `nofinesset`: duplicates are looked for among lines of the same kind.
enum FinessRecordReader {
    static let columns = [
        "typeet", "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie", "typvoie",
        "voie", "compvoie", "lieuditbp", "commune", "departement", "libdepartement", "ligneacheminement",
        "telephone", "telecopie", "categetab", "libcategetab", "categagretab", "libcategagretab", "siret",
        "codeape", "codemft", "libmft", "codesph", "libsph", "dateouv", "dateautor", "datemaj", "numuai",
    ]

    static func records(in data: Data, file: SnapshotFile, idField: String) throws -> [ParsedRecord] {
        let lines = TextDecoding.utf8OrLatin1(data).split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        let numbered = lines.enumerated().filter { !$0.element.isEmpty }
        guard let banner = numbered.first?.element, banner.hasPrefix("finess;") else {
            throw WarehouseError.unreadableFile(file: file.path, reason: "expected a banner line starting with 'finess;', found '\(numbered.first?.element.prefix(40) ?? "")'")
        }
        return try numbered.dropFirst().enumerated().map { index, numberedLine in
            let (lineIndex, line) = numberedLine
            let location = "\(file.record(index)) (line \(lineIndex + 1))"
            var cells = line.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
            if cells.count == columns.count + 1, cells.last?.isEmpty == true { cells.removeLast() }
            guard cells.count <= columns.count else {
                return ParsedRecord(payload: Data(String(line).utf8),
                                    rejectReason: "line has \(cells.count) columns, FINESS has \(columns.count)")
            }
            var object: [String: Any] = [:]
            for (index, name) in columns.enumerated() {
                object[name] = index < cells.count && !cells[index].isEmpty ? cells[index] : NSNull()
            }
            return try .object(object, idField: idField, location: location, kind: cells.first)
        }
    }
}

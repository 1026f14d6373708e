import Foundation
import WarehouseCore

/// The FINESS establishments extraction: `;`-separated text without header,
/// a banner first line (`finess;etalab;…`), then one line per establishment
/// with 32 fixed columns. Old files are Latin-1.
enum FinessRecordReader {
    static let columns = [
        "typeet", "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie", "typvoie",
        "voie", "compvoie", "lieuditbp", "commune", "departement", "libdepartement", "ligneacheminement",
        "telephone", "telecopie", "categetab", "libcategetab", "categagretab", "libcategagretab", "siret",
        "codeape", "codemft", "libmft", "codesph", "libsph", "dateouv", "dateautor", "datemaj", "numuai",
    ]

    static func records(in data: Data, file: String, idField: String) throws -> [ParsedRecord] {
        let lines = TextDecoding.utf8OrLatin1(data).split(omittingEmptySubsequences: true) { $0 == "\n" || $0 == "\r\n" }
        guard let banner = lines.first, banner.hasPrefix("finess;") else {
            throw WarehouseError.unreadableFile(file: file, reason: "expected a banner line starting with 'finess;'")
        }
        return try lines.dropFirst().map { line in
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
            return try .object(object, idField: idField)
        }
    }
}

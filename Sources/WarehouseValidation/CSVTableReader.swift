import CSV
import Foundation

/// A CSV file as producers write them: comma or semicolon (the delimiter the
/// header uses most), UTF-8 (with or without a byte order mark) or Latin-1
/// (Windows-1252, as a French spreadsheet saves it), a header row of field names.
enum CSVTableReader {
    struct Decoded {
        let text: String
        let encoding: String
    }

    static func decode(_ data: Data) -> Decoded {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return Decoded(text: text, encoding: "UTF-8") }
        // every byte is a character in Latin-1; Windows-1252 gives the right œ, €, ’ for 0x80–0x9F
        if let text = String(data: bytes, encoding: .windowsCP1252) { return Decoded(text: text, encoding: "Latin-1 (Windows-1252)") }
        return Decoded(text: String(decoding: bytes.map { $0 }, as: Unicode.ASCII.self), encoding: "Latin-1")
    }

    /// The delimiter of the header line: the one of ';' and ',' it has more of.
    static func delimiter(of text: String) -> UnicodeScalar {
        let header = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let semicolons = header.filter { $0 == ";" }.count
        let commas = header.filter { $0 == "," }.count
        return semicolons > commas ? ";" : ","
    }

    /// The line (1-based, header included) of a quote that is never closed,
    /// which a CSV parser would read as one cell running to the end of the file.
    static func unclosedQuoteLine(_ text: String) -> Int? {
        var line = 1
        var openedAt: Int?
        for scalar in text.unicodeScalars {
            if scalar == "\"" { openedAt = openedAt == nil ? line : nil }
            else if scalar == "\n" { line += 1 }
        }
        return openedAt
    }

    static func read(_ data: Data, file: String, limits: ValidationLimits) throws -> (InputTable, [RowProblem], Decoded, UnicodeScalar) {
        let decoded = decode(data)
        let delimiter = delimiter(of: decoded.text)
        if let line = unclosedQuoteLine(decoded.text) {
            throw FileProblem(file: file, rule: "unreadable",
                              message: "le guillemet ouvert ligne \(line) du fichier n'est jamais refermé : le reste du fichier serait lu comme une seule cellule ; refermez-le (un guillemet dans un texte s'écrit \"\")")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: decoded.text, hasHeaderRow: true, trimFields: true, delimiter: delimiter)
        } catch {
            throw FileProblem(file: file, rule: "unreadable", message: "le fichier CSV n'a pas de ligne d'en-tête lisible (\(error))")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.contains(where: { !$0.isEmpty }) else {
            throw FileProblem(file: file, rule: "unreadable", message: "le fichier est vide : la première ligne doit donner les noms des champs")
        }
        var records: [InputRecord] = []
        var problems: [RowProblem] = []
        var rowNumber = 0
        while let cells = reader.next() {
            rowNumber += 1
            if rowNumber > limits.maxRows { throw JSONRecordReader.tooManyRows(file: file, limits: limits) }
            if cells.allSatisfy(\.isEmpty) { continue }
            if cells.count > header.count, cells[header.count...].contains(where: { !$0.isEmpty }) {
                problems.append(RowProblem(row: rowNumber, message: "cette ligne a \(cells.count) cellules pour \(header.count) colonnes d'en-tête : un séparateur \"\(delimiter)\" de trop, ou un texte à mettre entre guillemets"))
                continue
            }
            var fields: [String: FieldValue] = [:]
            for (index, name) in header.enumerated() where !name.isEmpty {
                let cell = index < cells.count ? cells[index] : ""
                fields[name] = cell.isEmpty ? .null : .text(cell)
            }
            records.append(InputRecord(row: rowNumber, fields: fields))
        }
        if let error = reader.error {
            throw FileProblem(file: file, rule: "unreadable", message: "le CSV est mal formé après la ligne \(rowNumber) (\(error)) ; un guillemet n'est-il pas refermé ?")
        }
        return (InputTable(columns: header.filter { !$0.isEmpty }, records: records, isTabular: true), problems, decoded, delimiter)
    }
}

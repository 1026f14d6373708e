import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// An XLSX workbook (a zip of XML parts): the shared strings and the first
/// sheet, whose first row names the fields. Each part is inflated up to
/// `maxUncompressedBytes`, whatever its zip header claims.
enum XLSXTableReader {
    static func read(_ data: Data, file: String, limits: ValidationLimits) throws -> (InputTable, [RowProblem]) {
        guard let archive = try? Archive(data: data, accessMode: .read, pathEncoding: nil) else {
            throw FileProblem(file: file, rule: "unreadable", message: "le fichier n'est pas un classeur XLSX lisible (ce n'est pas une archive zip)")
        }
        func part(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var bytes = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    bytes.append(chunk)
                    if bytes.count > limits.maxUncompressedBytes { throw FileProblem(file: file, rule: "too_large", message: "") }
                }
            } catch let problem as FileProblem {
                throw FileProblem(file: file, rule: problem.rule,
                                  message: "la feuille du classeur dépasse \(ValidationLimits.megabytes(limits.maxUncompressedBytes)) une fois décompressée, la limite du valideur")
            } catch {
                throw FileProblem(file: file, rule: "unreadable", message: "la partie \(path) du classeur est illisible (\(error))")
            }
            return bytes
        }
        let sheetPath = try firstSheetPath(workbook: part("xl/workbook.xml"), relations: part("xl/_rels/workbook.xml.rels"))
        guard let sheet = try part(sheetPath) else {
            throw FileProblem(file: file, rule: "unreadable", message: "le classeur n'a pas de feuille (\(sheetPath) manque)")
        }
        let strings = try part("xl/sharedStrings.xml").map(SharedStrings.parse) ?? []
        let dateStyles = try part("xl/styles.xml").map(DateStyles.parse) ?? []
        let cells = SheetCells(strings: strings, dateStyles: dateStyles)
        let parser = XMLParser(data: sheet)
        parser.delegate = cells
        guard parser.parse() else {
            throw FileProblem(file: file, rule: "unreadable", message: "la feuille du classeur n'est pas du XML valide (\(parser.parserError.map { "\($0)" } ?? "inconnu"))")
        }
        guard let header = cells.rows.first else {
            throw FileProblem(file: file, rule: "unreadable", message: "la première feuille du classeur est vide : sa première ligne doit donner les noms des champs")
        }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
        if cells.rows.count - 1 > limits.maxRows { throw JSONRecordReader.tooManyRows(file: file, limits: limits) }
        var records: [InputRecord] = []
        for row in cells.rows.dropFirst() {
            // spreadsheet rows are numbered from the header: row 2 is the first record
            let number = row.number - header.number
            var fields: [String: FieldValue] = [:]
            for (index, name) in names.enumerated() where !name.isEmpty {
                let cell = index < row.cells.count ? row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines) : ""
                fields[name] = cell.isEmpty ? .null : .text(cell)
            }
            if fields.values.allSatisfy({ $0 == .null }) { continue }
            records.append(InputRecord(row: number, fields: fields))
        }
        return (InputTable(columns: names.filter { !$0.isEmpty }, records: records, isTabular: true), [])
    }

    /// The workbook's first sheet, through its relation; sheet1.xml when the
    /// workbook does not say (some writers leave the relations out).
    static func firstSheetPath(workbook: Data?, relations: Data?) -> String {
        let fallback = "xl/worksheets/sheet1.xml"
        guard let workbook, let relations else { return fallback }
        let sheets = AttributeCollector(element: "sheet")
        let workbookParser = XMLParser(data: workbook)
        workbookParser.delegate = sheets
        _ = workbookParser.parse()
        let links = AttributeCollector(element: "Relationship")
        let relationsParser = XMLParser(data: relations)
        relationsParser.delegate = links
        _ = relationsParser.parse()
        guard let firstID = sheets.found.first?.first(where: { $0.key.hasSuffix(":id") || $0.key == "id" })?.value,
              let target = links.found.first(where: { $0["Id"] == firstID })?["Target"] else { return fallback }
        return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
    }
}

/// The attributes of every element of one name.
final class AttributeCollector: NSObject, XMLParserDelegate {
    let element: String
    var found: [[String: String]] = []

    init(element: String) { self.element = element }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == element || name.hasSuffix(":" + element) { found.append(attributes) }
    }
}

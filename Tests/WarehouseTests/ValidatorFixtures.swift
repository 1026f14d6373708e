import Foundation
import WarehouseValidation
import ZIPFoundation

/// Producers' files for the validator's tests: a valid structure and a
/// valid service as spreadsheet cells, written in every format it reads.
enum ValidatorFixtures {
    typealias Row = [(String, String)]

    static let structure: Row = [
        ("source", "mon-territoire"), ("id", "mon-territoire--s1"), ("nom", "Centre social Le Tournesol"),
        ("date_maj", "2025-02-14"), ("description", "Accueil, écoute et orientation des habitants du quartier."),
        ("lien_source", "https://exemple.fr/structures/1"), ("siret", "13002526500013"), ("commune", "Lille"),
        ("code_postal", "59000"), ("code_insee", "59350"), ("adresse", "1 rue de la Paix"), ("longitude", "3.06"),
        ("latitude", "50.63"), ("telephone", "+33320000000"), ("courriel", "accueil@exemple.fr"),
        ("site_web", "https://exemple.fr"), ("reseaux_porteurs", "aci,adie"),
    ]

    static let service: Row = [
        ("source", "mon-territoire"), ("id", "mon-territoire--sv1"), ("structure_id", "mon-territoire--s1"),
        ("nom", "Atelier numérique"), ("description", "Un atelier pour apprendre à se servir d'un ordinateur."),
        ("date_maj", "2025-02-14"), ("type", "atelier"),
        ("thematiques", "numerique--acceder-a-des-services-en-ligne,numerique--acquerir-un-equipement"),
        ("frais", "gratuit"), ("publics", "tous-publics"), ("modes_accueil", "en-presentiel"),
        ("zone_eligibilite", "59350,59"), ("modes_mobilisation", "se-presenter,telephoner"),
        ("mobilisable_par", "usagers,professionnels"), ("lien_mobilisation", "https://exemple.fr/rdv"),
        ("volume_horaire_hebdomadaire", "2.5"), ("nombre_semaines", "10"),
    ]

    static let listFields: Set<String> = ["reseaux_porteurs", "thematiques", "publics", "modes_accueil", "zone_eligibilite",
                                          "modes_mobilisation", "mobilisable_par"]
    static let numberFields: Set<String> = ["longitude", "latitude", "volume_horaire_hebdomadaire", "nombre_semaines"]

    /// A row with some fields replaced ("" empties a field).
    static func row(_ base: Row, id: String? = nil, _ overrides: [String: String] = [:]) -> Row {
        base.map { field, value in (field, field == "id" ? (id ?? value) : (overrides[field] ?? value)) }
    }

    static func csv(_ rows: [Row], delimiter: Character = ",") -> String {
        let quote = { (cell: String) -> String in
            cell.contains(delimiter) || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
        }
        let header = rows[0].map(\.0).map(quote).joined(separator: String(delimiter))
        return ([header] + rows.map { $0.map { quote($0.1) }.joined(separator: String(delimiter)) }).joined(separator: "\r\n") + "\r\n"
    }

    /// JSON as an API or an export writes it: lists as arrays, numbers as numbers, empty fields null.
    static func jsonObject(_ row: Row) -> [String: Any] {
        var object: [String: Any] = [:]
        for (field, value) in row {
            if value.isEmpty { object[field] = NSNull() }
            else if listFields.contains(field) { object[field] = value.split(separator: ",").map(String.init) }
            else if numberFields.contains(field), let number = Double(value) { object[field] = number }
            else { object[field] = value }
        }
        return object
    }

    static func jsonArray(_ rows: [Row]) -> Data {
        try! JSONSerialization.data(withJSONObject: rows.map(jsonObject), options: [.sortedKeys])
    }

    static func jsonLines(_ rows: [Row]) -> Data {
        Data(rows.map { String(decoding: try! JSONSerialization.data(withJSONObject: jsonObject($0), options: [.sortedKeys]), as: UTF8.self) }
            .joined(separator: "\n").utf8)
    }

    /// A minimal workbook: shared strings for every cell but `date_maj`,
    /// which is a date cell (a day number with a date style), as a
    /// spreadsheet stores a typed date.
    static func xlsx(_ rows: [Row]) throws -> Data {
        var strings: [String] = []
        func shared(_ text: String) -> Int {
            if let index = strings.firstIndex(of: text) { return index }
            strings.append(text)
            return strings.count - 1
        }
        let escape = { (text: String) in text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        func column(_ index: Int) -> String {
            var name = "", number = index + 1
            while number > 0 { name = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + name; number = (number - 1) / 26 }
            return name
        }
        var sheetRows = ""
        for (rowIndex, row) in ([rows[0].map { ($0.0, $0.0) }] + rows).enumerated() {
            sheetRows += "<row r=\"\(rowIndex + 1)\">"
            for (columnIndex, (field, value)) in row.enumerated() where !value.isEmpty {
                let reference = "\(column(columnIndex))\(rowIndex + 1)"
                if rowIndex > 0, field == "date_maj", let serial = excelSerial(value) {
                    sheetRows += "<c r=\"\(reference)\" s=\"1\"><v>\(serial)</v></c>"
                } else {
                    sheetRows += "<c r=\"\(reference)\" t=\"s\"><v>\(shared(value))</v></c>"
                }
            }
            sheetRows += "</row>"
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let parts: [(String, String)] = [
            ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"),
            ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"\(main)\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Structures\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
            ("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/feuille.xml\"/></Relationships>"),
            ("xl/styles.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"\(main)\"><cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/></cellXfs></styleSheet>"),
            ("xl/worksheets/feuille.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(main)\"><sheetData>\(sheetRows)</sheetData></worksheet>"),
            ("xl/sharedStrings.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"\(main)\">" + strings.map { "<si><t xml:space=\"preserve\">\(escape($0))</t></si>" }.joined() + "</sst>"),
        ]
        let archive = try Archive(data: Data(), accessMode: .create, pathEncoding: nil)
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }

    /// The spreadsheet day number of a YYYY-MM-DD date (1900 date system).
    static func excelSerial(_ date: String) -> Int? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        guard let day = formatter.date(from: date) else { return nil }
        return Int((day.timeIntervalSince1970 + 2_209_161_600) / 86_400)
    }
}

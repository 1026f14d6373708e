import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `xl/sharedStrings.xml`: the texts cells refer to by index. A rich text is
/// the concatenation of its runs; phonetic guides (`rPh`) are left out.
enum SharedStrings {
    static func parse(_ data: Data) -> [String] {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        return collector.strings
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var strings: [String] = []
        private var current = ""
        private var inText = false
        private var phoneticDepth = 0

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "si": current = ""
            case "rPh": phoneticDepth += 1
            case "t": inText = phoneticDepth == 0
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "si": strings.append(current)
            case "rPh": phoneticDepth -= 1
            case "t": inText = false
            default: break
            }
        }
    }
}

/// `xl/styles.xml`: which cell formats (`cellXfs`, by index) show a date,
/// so that a date typed in a spreadsheet (a day number) reads as YYYY-MM-DD.
enum DateStyles {
    static func parse(_ data: Data) -> [Bool] {
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        parser.parse()
        return collector.formats.map { id in
            // the built-in date formats, and custom ones that show a year
            (14...22).contains(id) || (45...47).contains(id)
                || (collector.customCodes[id].map { code in code.lowercased().contains("y") && !code.contains("[h") } ?? false)
        }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var formats: [Int] = []
        var customCodes: [Int: String] = [:]
        private var inCellFormats = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customCodes[id] = code }
            case "cellXfs": inCellFormats = true
            case "xf" where inCellFormats: formats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "cellXfs" { inCellFormats = false }
        }
    }

    /// A spreadsheet day number (1900 date system) as YYYY-MM-DD.
    static func isoDate(fromSerial serial: Double) -> String? {
        guard serial >= 1, serial < 2_958_466 else { return nil }
        // day 60 is the 29 February 1900 that never was: later days count from 30 December 1899
        let epoch = Date(timeIntervalSince1970: -2_209_161_600)
        let date = epoch.addingTimeInterval(serial.rounded(.down) * 86_400)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

/// The rows of a worksheet, each cell's text at its column's index.
final class SheetCells: NSObject, XMLParserDelegate {
    struct Row {
        let number: Int
        var cells: [String]
    }

    private let strings: [String]
    private let dateStyles: [Bool]
    private(set) var rows: [Row] = []
    private var cellColumn = 0
    private var cellType = ""
    private var cellStyle = 0
    private var text = ""
    private var collecting = false

    init(strings: [String], dateStyles: [Bool]) {
        self.strings = strings
        self.dateStyles = dateStyles
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? ((rows.last?.number ?? 0) + 1)
            rows.append(Row(number: number, cells: []))
        case "c":
            cellColumn = attributes["r"].map(Self.columnIndex) ?? (rows.last?.cells.count ?? 0)
            cellType = attributes["t"] ?? "n"
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            text = ""
        case "v", "t":
            collecting = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c": store(value())
        default: break
        }
    }

    private func value() -> String {
        switch cellType {
        case "s": return Int(text).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
        case "b": return text == "1" ? "true" : "false"
        case "n":
            if cellStyle < dateStyles.count, dateStyles[cellStyle], let serial = Double(text), let date = DateStyles.isoDate(fromSerial: serial) {
                return date
            }
            return text
        default: return text
        }
    }

    private func store(_ value: String) {
        guard !rows.isEmpty else { return }
        var row = rows.removeLast()
        if row.cells.count <= cellColumn { row.cells += Array(repeating: "", count: cellColumn - row.cells.count + 1) }
        row.cells[cellColumn] = value
        rows.append(row)
    }

    /// "C7" → 2: the letters of a cell reference, base 26.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return max(index - 1, 0)
    }
}

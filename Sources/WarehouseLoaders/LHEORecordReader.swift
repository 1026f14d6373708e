import Foundation
import WarehouseCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// LHEO 2.3 XML (carif-oref): streams the document and turns each
/// `/lheo/offres/formation` into one record, a JSON tree whose conventions
/// docs/raw-layer.md gives (`@attribute`, `$` for text beside attributes,
/// arrays for the elements the LHEO schema lets repeat).
///
/// The document must be well formed to its last byte. XMLParser (libxml2 in
/// recovery mode) reports a fault and may then carry on and even return
/// success, handing over the formations read so far: the first fault stops
/// the parse, and the file fails, naming the line and column (XMLFault).
enum LHEORecordReader {
    static let repeatable: Set<String> = [
        "action", "session", "code-FORMACODE", "code-public-vise", "contact-formation", "contact-formateur",
        "organisme-formateur", "lieu-de-formation", "organisme-financeur", "urlweb", "ligne", "numtel",
        "extras", "extra", "code-RNCP", "code-CERTIFINFO",
    ]

    static func records(in data: Data, file: SnapshotFile, idField: String) throws -> [ParsedRecord] {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let collector = FormationCollector(file: file, idField: idField)
        parser.delegate = collector
        let succeeded = parser.parse()
        if let fault = collector.fault {
            throw WarehouseError.unreadableFile(file: file.path, reason: fault.explanation(in: data))
        }
        guard succeeded else {
            let code = (parser.parserError as NSError?)?.code ?? 0
            throw WarehouseError.unreadableFile(file: file.path, reason:
                "not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(XMLFault.describe(code: code))")
        }
        if let error = collector.error { throw error }
        guard let root = collector.root else {
            throw WarehouseError.unreadableFile(file: file.path, reason: "no XML element in the file (empty, or only white space)")
        }
        guard root == "lheo" else {
            throw WarehouseError.unreadableFile(file: file.path, reason: "expected an LHEO document (root element <lheo>), found <\(root)>")
        }
        return collector.records
    }
}

/// The SAX delegate: keeps only the formation being read in memory.
private final class FormationCollector: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [(String, Any)] = []
        var text = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
    }

    let file: SnapshotFile
    let idField: String
    var stack: [Node] = []
    /// Every open element, with where its start tag ends.
    var open: [XMLFault.OpenElement] = []
    var root: String?
    var records: [ParsedRecord] = []
    var error: (any Error)?
    var fault: XMLFault?
    /// Where the formation being read starts.
    var formationLine = 0

    init(file: SnapshotFile, idField: String) {
        self.file = file
        self.idField = idField
    }

    private var isInsideFormation: Bool {
        open.count >= 3 && open[0].name == "lheo" && open[1].name == "offres" && open[2].name == "formation"
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        open.append(XMLFault.OpenElement(name: name, line: parser.lineNumber, column: parser.columnNumber))
        guard open.count <= LoadLimits.nesting else {
            stop(parser, XMLFault(line: parser.lineNumber, column: parser.columnNumber, code: nil,
                                  problem: "elements nested more than \(LoadLimits.nesting) deep (\(LoadLimits.nestingInWords))",
                                  open: open, formation: currentFormation))
            return
        }
        if open.count == 3, isInsideFormation { formationLine = parser.lineNumber }
        if isInsideFormation { stack.append(Node(name: name, attributes: attributes)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { open.removeLast() }
        guard isInsideFormation, let node = stack.popLast() else { return }
        let value = Self.value(of: node)
        if let parent = stack.last {
            parent.children.append((name, value))
        } else {
            let location = "\(file.record(records.count)) (formation at line \(formationLine))"
            do {
                records.append(try .object(value as? [String: Any] ?? [:], idField: idField, location: location))
            } catch { self.error = error }
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        stop(parser, XMLFault(line: parser.lineNumber, column: parser.columnNumber, code: (parseError as NSError).code,
                              problem: nil, open: open, formation: currentFormation))
    }

    func parser(_ parser: XMLParser, validationErrorOccurred validationError: any Error) {
        self.parser(parser, parseErrorOccurred: validationError)
    }

    /// The first fault stops the parse: what libxml2 recovers after it is a guess.
    private func stop(_ parser: XMLParser, _ fault: XMLFault) {
        guard self.fault == nil else { return }
        self.fault = fault
        parser.abortParsing()
    }

    /// "record 2 of formations.xml (numero 14_EX000002)" when the fault is inside a formation.
    private var currentFormation: String? {
        guard isInsideFormation, let formation = stack.first else { return nil }
        let numero = formation.attributes["numero"].map { ", numero \($0)" } ?? ""
        return "\(file.record(records.count)) (the formation starting at line \(formationLine)\(numero))"
    }

    static func value(of node: Node) -> Any {
        let text = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
        var object: [String: Any] = [:]
        for (key, value) in node.attributes { object["@\(key)"] = value }
        if node.children.isEmpty {
            if object.isEmpty { return text }
            object["$"] = text
            return object
        }
        let counts = Dictionary(node.children.map { ($0.0, 1) }, uniquingKeysWith: +)
        for (name, value) in node.children {
            if LHEORecordReader.repeatable.contains(name) || counts[name, default: 0] > 1 {
                object[name] = (object[name] as? [Any] ?? []) + [value]
            } else {
                object[name] = value
            }
        }
        if !text.isEmpty { object["$"] = text }
        return object
    }
}

import Foundation
import WarehouseCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// LHEO 2.3 XML (carif-oref): streams the document and turns each
/// `/lheo/offres/formation` into one record, a JSON tree whose conventions
/// docs/raw-layer.md gives (`@attribute`, `$` for text beside attributes,
/// arrays for the elements the LHEO schema lets repeat).
enum LHEORecordReader {
    static let repeatable: Set<String> = [
        "action", "session", "code-FORMACODE", "code-public-vise", "contact-formation", "contact-formateur",
        "organisme-formateur", "lieu-de-formation", "organisme-financeur", "urlweb", "ligne", "numtel",
        "extras", "extra", "code-RNCP", "code-CERTIFINFO",
    ]

    static func records(in data: Data, file: String, idField: String) throws -> [ParsedRecord] {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        let builder = FormationCollector(idField: idField)
        parser.delegate = builder
        guard parser.parse() else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            throw WarehouseError.unreadableFile(
                file: file, reason: "not well-formed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(reason)")
        }
        if let error = builder.error { throw error }
        return builder.records
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

    let idField: String
    var stack: [Node] = []
    var path: [String] = []
    var records: [ParsedRecord] = []
    var error: (any Error)?

    init(idField: String) { self.idField = idField }

    private var isInsideFormation: Bool { path.count >= 3 && Array(path.prefix(3)) == ["lheo", "offres", "formation"] }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        path.append(name)
        if isInsideFormation { stack.append(Node(name: name, attributes: attributes)) }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last?.text += string
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        defer { path.removeLast() }
        guard isInsideFormation, let node = stack.popLast() else { return }
        let value = Self.value(of: node)
        if let parent = stack.last {
            parent.children.append((name, value))
        } else {
            do { records.append(try .object(value as? [String: Any] ?? [:], idField: idField)) } catch { self.error = error }
        }
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

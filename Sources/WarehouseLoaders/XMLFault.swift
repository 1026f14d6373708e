import Foundation

/// The first fault of an XML document, explained where a person would fix it.
///
/// libxml2 notices a missing end tag only when a later end tag does not
/// match, possibly hundreds of lines on. The open elements tell which end
/// tag is missing, and the indentation of a pretty-printed file where it
/// should have been: the first line after the element's start tag that is
/// indented no deeper than it. That line is reported first, the place where
/// the parser stopped second.
struct XMLFault {
    struct OpenElement {
        let name: String
        /// Where the start tag ends, as XMLParser reports it.
        let line: Int
        let column: Int
    }

    let line: Int
    let column: Int
    /// libxml2's error code (xmlParserErrors), nil when the loader stopped the parse.
    let code: Int?
    /// The loader's own reason to stop, when it stopped the parse.
    let problem: String?
    let open: [OpenElement]
    /// The formation record being read, in words, when the fault is inside one.
    let formation: String?

    static let tagNameMismatch = 76

    func explanation(in data: Data) -> String {
        let context = formation.map { "; in \($0)" } ?? ""
        if let problem { return "refused at line \(line), column \(column): \(problem)\(context)" }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String in
            let lines = SourceLines(raw.bindMemory(to: UInt8.self))
            return "not well-formed XML at " + describe(lines) + context
        }
    }

    private func describe(_ lines: SourceLines) -> String {
        let here = "line \(line), column \(column)"
        if lines.onlyWhiteSpace(after: line, column: column) {
            guard let innermost = open.last else { return "\(here): the file ends before any element (empty, or only white space)" }
            return "\(here): the file ends inside <\(innermost.name)> (opened at line \(innermost.line)) before its end tag: the file is cut short"
        }
        if code == Self.tagNameMismatch, let unclosed = open.last, let endTag = lines.endTagName(endingBefore: line, column: column) {
            if open.dropLast().contains(where: { $0.name == endTag }) {
                if let missing = lines.firstLineIndented(noDeeperThan: unclosed.line, after: unclosed.line, before: line) {
                    return "\(missing): the end tag </\(unclosed.name)> is missing before this line (<\(unclosed.name)> opened at line \(unclosed.line)); the parser stopped at \(here), on </\(endTag)>"
                }
                return "\(here): </\(endTag)> came while <\(unclosed.name)>, opened at line \(unclosed.line), is still open: its end tag is missing"
            }
            return "\(here): the end tag </\(endTag)> does not match <\(unclosed.name)> (opened at line \(unclosed.line)): it is misspelled, or one end tag too many"
        }
        if code == 9, let invalid = lines.firstInvalidUTF8Byte {
            return "\(here): bytes that are not UTF-8 (first invalid byte at offset \(invalid))"
        }
        return "\(here): \(Self.describe(code: code ?? 0))"
    }

    /// libxml2's error codes in words, for those a damaged file produces.
    static func describe(code: Int) -> String {
        switch code {
        case 1: "the XML parser gave up (libxml2 internal error 1, such as a text over its 10,000,000-byte limit)"
        case 4: "the document is empty"
        case 5: "content after the end of the root element, or no root element"
        case 9: "a character XML does not allow"
        case 23: "an entity reference without its ';'"
        case 26: "an undeclared entity (&name;): only &amp; &lt; &gt; &quot; &apos; exist without a DTD"
        case 38: "'<' inside an attribute value"
        case 39, 40, 41: "an attribute value that is not quoted, or not closed"
        case 42: "an attribute given twice on the same element"
        case 65: "a space is missing between attributes"
        case 68: "a name is missing (after '<', '</' or '&': a literal & is written &amp;)"
        case 73: "'>' is missing at the end of a tag"
        case 76: "an end tag that does not match the open element"
        case 77: "the file ends inside a tag"
        default: "XML error \(code) (libxml2's xmlParserErrors)"
        }
    }
}

/// The lines of a document, read only to explain a fault.
private struct SourceLines {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Offset of the first byte of each line; line n is at index n - 1.
    let starts: [Int]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        starts = [0] + bytes.indices.filter { bytes[$0] == UInt8(ascii: "\n") }.map { $0 + 1 }
    }

    /// Whether nothing but white space follows the position: libxml2 reports
    /// a file cut short there, or at its very end.
    func onlyWhiteSpace(after line: Int, column: Int) -> Bool {
        guard line <= starts.count else { return true }
        var offset = starts[line - 1]
        var characters = 1
        while offset < bytes.count, characters < column, bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            characters += 1
        }
        return bytes[offset...].allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
    }

    var firstInvalidUTF8Byte: Int? { TextDecoding.firstInvalidUTF8Byte(in: bytes, range: 0..<bytes.count) }

    func text(ofLine line: Int) -> UnsafeBufferPointer<UInt8> {
        guard line >= 1, line <= starts.count else { return UnsafeBufferPointer(rebasing: bytes[0..<0]) }
        let end = line < starts.count ? starts[line] - 1 : bytes.count
        return UnsafeBufferPointer(rebasing: bytes[starts[line - 1]..<end])
    }

    /// The local name of the last end tag before `column` on `line`.
    func endTagName(endingBefore line: Int, column: Int) -> String? {
        let text = text(ofLine: line)
        // Columns count characters: the byte where `column` starts.
        var characters = 1
        var limit = 0
        while limit < text.count, characters < column {
            limit += 1
            while limit < text.count, text[limit] & 0xC0 == 0x80 { limit += 1 }
            characters += 1
        }
        let before = Array(text[0..<limit])
        guard let slash = before.indices.last(where: { $0 > 0 && before[$0] == UInt8(ascii: "/") && before[$0 - 1] == UInt8(ascii: "<") })
        else { return nil }
        let name = before[(slash + 1)...].prefix { ![UInt8(ascii: ">"), 0x20, 0x09, 0x0A, 0x0D].contains($0) }
        let qualified = String(decoding: name, as: UTF8.self)
        return qualified.split(separator: ":").last.map(String.init)
    }

    /// The first line in `after + 1 ..< before` with text, indented no
    /// deeper than line `reference`: where a pretty-printed file closes it.
    func firstLineIndented(noDeeperThan reference: Int, after: Int, before: Int) -> TextPosition? {
        let depth = indentation(of: text(ofLine: reference))
        guard after + 1 < before else { return nil }
        for line in (after + 1)..<before {
            let text = text(ofLine: line)
            let indent = indentation(of: text)
            if indent < text.count, text[indent] != UInt8(ascii: "\r"), indent <= depth {
                return TextPosition(line: line, column: indent + 1)
            }
        }
        return nil
    }

    private func indentation(of text: UnsafeBufferPointer<UInt8>) -> Int {
        text.prefix { $0 == 0x20 || $0 == 0x09 }.count
    }
}

/// Where the bytes stop being JSON. The scan cannot go on: the file fails.
struct JSONSyntaxFault: Error {
    let offset: Int
    let problem: String
}

/// What makes a well-delimited value unstorable or refused. Only the record
/// that holds it is rejected; the scan goes on after it.
struct JSONValueDamage {
    let offset: Int
    let problem: String
}

/// Checks JSON (RFC 8259) byte by byte without building values. Open arrays
/// and objects are kept on a heap stack, so a 10,000-level value costs no call
/// depth. Besides the grammar it notes the first damage met since
/// `clearDamage()`: invalid UTF-8, raw control characters, `\u0000` and lone
/// surrogates (PostgreSQL refuses them), numbers beyond PostgreSQL's numeric,
/// values beyond `LoadLimits`.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    private(set) var damage: JSONValueDamage?

    init(bytes: UnsafeBufferPointer<UInt8>, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func clearDamage() { damage = nil }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Consumes `byte` or stops: "expected ':' after the member name, found '}'".
    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONSyntaxFault) {
        guard current == byte else { throw fault("expected \(what), found \(foundHere)") }
        position += 1
    }

    func fault(_ problem: String) -> JSONSyntaxFault { JSONSyntaxFault(offset: position, problem: problem) }

    /// What is at the current position, in words.
    var foundHere: String {
        guard let byte = current else { return "the end of the file (the file is cut short)" }
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte \(TextDecoding.hex(byte))"
    }

    private mutating func note(_ problem: String, at offset: Int) {
        if damage == nil { damage = JSONValueDamage(offset: offset, problem: problem) }
    }

    // MARK: values

    /// Scans one complete value. `depth` is the nesting level of the
    /// container holding it (0 for a record itself).
    mutating func scanValue(depth: Int) throws(JSONSyntaxFault) {
        var open: [(closer: UInt8, start: Int)] = []
        nextValue: while true {
            skipWhitespace()
            guard let byte = current else { throw endOfFile(inside: open.last) }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let closer = byte == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                open.append((closer, position))
                if depth + open.count > LoadLimits.nesting {
                    note("nested more than \(LoadLimits.nesting) levels deep (\(LoadLimits.nestingInWords))", at: position)
                }
                position += 1
                skipWhitespace()
                if current == closer {
                    position += 1
                    open.removeLast()
                } else if closer == UInt8(ascii: "}") {
                    try scanMemberName()
                    continue nextValue
                } else {
                    continue nextValue
                }
            case UInt8(ascii: "\""): try scanString()
            case UInt8(ascii: "t"): try scanLiteral("true")
            case UInt8(ascii: "f"): try scanLiteral("false")
            case UInt8(ascii: "n"): try scanLiteral("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try scanNumber()
            default: throw fault("expected a value (string, number, object, array, true, false or null), found \(foundHere)")
            }
            // After a value: close what ends here, or go on to the next item.
            while let container = open.last {
                skipWhitespace()
                guard let next = current else { throw endOfFile(inside: container) }
                if next == UInt8(ascii: ",") {
                    position += 1
                    if container.closer == UInt8(ascii: "}") {
                        skipWhitespace()
                        try scanMemberName()
                    }
                    continue nextValue
                }
                guard next == container.closer else {
                    throw fault("expected ',' or '\(Character(Unicode.Scalar(container.closer)))', found \(foundHere)")
                }
                position += 1
                open.removeLast()
            }
            return
        }
    }

    private func endOfFile(inside container: (closer: UInt8, start: Int)?) -> JSONSyntaxFault {
        guard let container else { return fault("the file ends where a value should be: the file is cut short") }
        let kind = container.closer == UInt8(ascii: "}") ? "object" : "array"
        return fault("the file ends inside the \(kind) that starts at byte \(container.start): the file is cut short")
    }

    /// A member name and its colon; returns the name's range between quotes.
    @discardableResult
    mutating func scanMemberName() throws(JSONSyntaxFault) -> Range<Int> {
        guard current == UInt8(ascii: "\"") else { throw fault("expected a member name in double quotes, found \(foundHere)") }
        let name = try scanString()
        skipWhitespace()
        try expect(UInt8(ascii: ":"), "':' after the member name")
        return name
    }

    // MARK: strings

    /// Scans a string from its opening quote; returns the range between the quotes.
    @discardableResult
    mutating func scanString() throws(JSONSyntaxFault) -> Range<Int> {
        let opening = position
        let end = bytes.count
        var index = position + 1
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                position = index + 1
                let length = index - opening - 1
                if length > LoadLimits.textBytes {
                    note("a string of \(length) bytes (\(LoadLimits.textBytesInWords))", at: opening)
                }
                return (opening + 1)..<index
            } else if byte == UInt8(ascii: "\\") {
                index = try scanEscape(at: index)
            } else if byte < 0x20 {
                note("a control character (\(TextDecoding.hex(byte))) inside a string, where JSON requires an escape", at: index)
                index += 1
            } else if byte < 0x80 {
                index += 1
            } else if let length = TextDecoding.utf8SequenceLength(at: index, in: bytes, end: end) {
                index += length
            } else {
                note("invalid UTF-8 (byte \(TextDecoding.hex(byte)))", at: index)
                index += 1
            }
        }
        position = end
        throw fault("the file ends inside the string that starts at byte \(opening): the file is cut short")
    }

    /// Checks the escape at `index` (a backslash); returns the index after it.
    private mutating func scanEscape(at index: Int) throws(JSONSyntaxFault) -> Int {
        guard index + 1 < bytes.count else {
            position = bytes.count
            throw fault("the file ends inside a string: the file is cut short")
        }
        switch bytes[index + 1] {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return index + 2
        case UInt8(ascii: "u"):
            guard let unit = hexQuad(at: index + 2) else {
                note("an escape \\u not followed by four hexadecimal digits", at: index)
                return index + 2
            }
            switch unit {
            case 0:
                note("the escape \\u0000, which PostgreSQL cannot store in text", at: index)
            case 0xD800...0xDBFF:
                if bytes.count > index + 11, bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
                   let low = hexQuad(at: index + 8), (0xDC00...0xDFFF).contains(low) {
                    return index + 12
                }
                note("a lone UTF-16 high surrogate (\\u\(String(unit, radix: 16))), which PostgreSQL refuses", at: index)
            case 0xDC00...0xDFFF:
                note("a lone UTF-16 low surrogate (\\u\(String(unit, radix: 16))), which PostgreSQL refuses", at: index)
            default:
                break
            }
            return index + 6
        default:
            note("an invalid escape (a backslash followed by \(describe(bytes[index + 1])))", at: index)
            return index + 2
        }
    }

    private func hexQuad(at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in UnsafeBufferPointer(rebasing: bytes[index..<(index + 4)]) {
            guard let digit = Character(Unicode.Scalar(byte)).hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(TextDecoding.hex(byte))"
    }

    // MARK: numbers and literals

    private func isDigit(_ index: Int) -> Bool {
        index < bytes.count && bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9")
    }

    mutating func scanNumber() throws(JSONSyntaxFault) {
        let start = position
        if current == UInt8(ascii: "-") { position += 1 }
        var integerDigits = 0
        if current == UInt8(ascii: "0") {
            position += 1
            integerDigits = 1
        } else {
            while isDigit(position) { position += 1; integerDigits += 1 }
            guard integerDigits > 0 else { throw fault("expected a digit, found \(foundHere)") }
        }
        var fractionDigits = 0
        if current == UInt8(ascii: ".") {
            position += 1
            while isDigit(position) { position += 1; fractionDigits += 1 }
            guard fractionDigits > 0 else { throw fault("expected a digit after the decimal point, found \(foundHere)") }
        }
        var exponent = 0
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            position += 1
            let negative = current == UInt8(ascii: "-")
            if negative || current == UInt8(ascii: "+") { position += 1 }
            var exponentDigits = 0
            while isDigit(position) {
                exponent = min(exponent * 10 + Int(bytes[position] - UInt8(ascii: "0")), 1_000_000_000)
                position += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { throw fault("expected a digit in the exponent, found \(foundHere)") }
            if negative { exponent = -exponent }
        }
        // PostgreSQL's numeric holds 131,072 digits before the point and 16,383 after.
        if integerDigits + exponent > 131_072 || fractionDigits - exponent > 16_383 {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<min(position, start + 40)]), as: UTF8.self)
            note("the number \(text)\(position - start > 40 ? "…" : "") is beyond what PostgreSQL's numeric type holds", at: start)
        }
    }

    private mutating func scanLiteral(_ word: String) throws(JSONSyntaxFault) {
        for expected in word.utf8 {
            guard let byte = current else { throw fault("the file ends inside '\(word)': the file is cut short") }
            guard byte == expected else { throw fault("expected '\(word)', found \(foundHere)") }
            position += 1
        }
    }
}

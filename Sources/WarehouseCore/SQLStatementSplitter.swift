/// Splits a SQL script into single statements, because PostgreSQL's extended
/// protocol (used for every query) accepts one statement at a time.
/// Semicolons inside quotes, quoted identifiers, dollar-quoted bodies and
/// comments do not split.
public enum SQLStatementSplitter {
    public static func split(_ script: String) -> [String] {
        var statements: [String] = []
        var current = ""
        var scanner = Scanner(Array(script.unicodeScalars))
        while let scalar = scanner.next() {
            switch scalar {
            case "'", "\"":
                current.unicodeScalars.append(scalar)
                current += scanner.consumeQuoted(until: scalar)
            case "-" where scanner.peek() == "-":
                current += "-" + scanner.consumeLineComment()
            case "/" where scanner.peek() == "*":
                current += "/" + scanner.consumeBlockComment()
            case "$":
                current += "$" + scanner.consumeDollarQuoted()
            case ";":
                append(current, to: &statements)
                current = ""
            default:
                current.unicodeScalars.append(scalar)
            }
        }
        append(current, to: &statements)
        return statements
    }

    private static func append(_ statement: String, to statements: inout [String]) {
        if containsCode(statement) {
            statements.append(statement.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }

    /// A chunk made only of comments and blank lines is not a statement.
    private static func containsCode(_ statement: String) -> Bool {
        statement.split(separator: "\n").contains { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.isEmpty && !trimmed.hasPrefix("--")
        }
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        mutating func next() -> Unicode.Scalar? {
            guard index < scalars.count else { return nil }
            defer { index += 1 }
            return scalars[index]
        }

        func peek(_ offset: Int = 0) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }

        mutating func consumeQuoted(until quote: Unicode.Scalar) -> String {
            var text = ""
            while let scalar = next() {
                text.unicodeScalars.append(scalar)
                if scalar == quote {
                    // A doubled quote is an escaped quote, not the end.
                    if peek() == quote { text.unicodeScalars.append(next()!) } else { break }
                }
            }
            return text
        }

        mutating func consumeLineComment() -> String {
            var text = ""
            while let scalar = next() {
                text.unicodeScalars.append(scalar)
                if scalar == "\n" { break }
            }
            return text
        }

        mutating func consumeBlockComment() -> String {
            var text = ""
            while let scalar = next() {
                text.unicodeScalars.append(scalar)
                if scalar == "/", text.count > 1, text.unicodeScalars.dropLast().last == "*" { break }
            }
            return text
        }

        /// `$tag$ … $tag$`; a lone `$1` parameter marker is returned as is.
        mutating func consumeDollarQuoted() -> String {
            var tag = ""
            var offset = 0
            while let scalar = peek(offset), scalar != "$" {
                guard scalar.properties.isAlphabetic || scalar == "_" || (scalar.properties.numericType != nil && !tag.isEmpty) else {
                    return ""
                }
                tag.unicodeScalars.append(scalar)
                offset += 1
            }
            guard peek(offset) == "$" else { return "" }
            let delimiter = "$" + tag + "$"
            var text = ""
            for _ in 0...offset { text.unicodeScalars.append(next()!) }
            while let scalar = next() {
                text.unicodeScalars.append(scalar)
                if scalar == "$", ("$" + text).hasSuffix(delimiter), text.count >= delimiter.count { break }
            }
            return text
        }
    }
}

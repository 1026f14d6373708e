import Foundation

/// Réseau Alpha's structure pages: only two facts are read, the date of the
/// last modification and the structure's own website. No HTML library is
/// available to the warehouse, so the two places are found by their class
/// names, the way the upstream scraper's selectors do.
enum HTMLPageScraper {
    static func record(page: String, structureID: String) -> [String: Any] {
        [
            "structure_id": structureID,
            "date_derniere_modification": lastModification(in: page) as Any? ?? NSNull(),
            "url": website(in: page) as Any? ?? NSNull(),
        ]
    }

    /// In the `.structures-dates` block, the text that mentions
    /// "modification", after its " : ".
    static func lastModification(in page: String) -> String? {
        guard let block = elementContent(classNamed: "structures-dates", in: page) else { return nil }
        let line = textNodes(in: block).first { $0.lowercased().contains("modification") }
        guard let line, let separator = line.range(of: " : ") else { return nil }
        return String(line[separator.upperBound...]).trimmingCharacters(in: .whitespaces)
    }

    /// The first text inside the first `.lieu` element that holds an http(s) address.
    static func website(in page: String) -> String? {
        guard let block = elementContent(classNamed: "lieu", in: page) else { return nil }
        return textNodes(in: block).first { $0.contains("http://") || $0.contains("https://") }
    }

    /// The page from the opening tag of the first element whose class list
    /// holds `name` (its nesting is not tracked: callers read the first
    /// matching text after it).
    static func elementContent(classNamed name: String, in page: String) -> Substring? {
        let pattern = #"<[a-zA-Z][^>]*\bclass\s*=\s*"(?:[^"]*\s)?"# + NSRegularExpression.escapedPattern(for: name) + #"(?:\s[^"]*)?"[^>]*>"#
        guard let range = page.range(of: pattern, options: .regularExpression) else { return nil }
        return page[range.upperBound...]
    }

    /// Non-empty text between tags, with the common entities decoded.
    static func textNodes(in html: Substring) -> [String] {
        html.split(separator: "<").compactMap { chunk in
            guard let close = chunk.firstIndex(of: ">") else { return nil }
            let text = chunk[chunk.index(after: close)...]
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&nbsp;", with: " ")
                .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : text
        }
    }
}

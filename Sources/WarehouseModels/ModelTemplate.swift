import Foundation

/// The Jinja-like calls a model may use: `{{ ref('name') }}`,
/// `{{ source('slug', 'stream') }}` and `{{ union_by_name([...]) }}` (see
/// UnionByName), after the macros of ModelMacros are expanded.
public enum ModelTemplate {
    static let refPattern = try! NSRegularExpression(
        pattern: #"\{\{\s*ref\(\s*['"]([A-Za-z0-9_]+)['"]\s*\)\s*\}\}"#)
    static let sourcePattern = try! NSRegularExpression(
        pattern: #"\{\{\s*source\(\s*['"]([A-Za-z0-9_\-]+)['"]\s*,\s*['"]([A-Za-z0-9_]+)['"]\s*\)\s*\}\}"#)
    static let anyCallPattern = try! NSRegularExpression(pattern: #"\{\{(.*?)\}\}"#, options: .dotMatchesLineSeparators)

    public static func references(in sql: String) -> [String] {
        unique(matches(refPattern, in: sql).map { $0[0] } + UnionByName.models(in: sql))
    }

    public static func sources(in sql: String) -> [SourceReference] {
        unique(matches(sourcePattern, in: sql).map { SourceReference(source: $0[0], stream: $0[1]) })
    }

    /// Calls that are neither `ref`, `source` nor `union_by_name`, to report them clearly.
    public static func unsupportedCalls(in sql: String) -> [String] {
        matches(anyCallPattern, in: sql).map { $0[0].trimmingCharacters(in: .whitespaces) }
            .filter { call in !["ref(", "source(", "union_by_name("].contains { call.hasPrefix($0) } }
    }

    /// Replaces every call with the relation the resolvers give.
    public static func render(_ sql: String, ref: (String) -> String,
                              source: (SourceReference) -> String) -> String {
        var rendered = replace(refPattern, in: sql) { ref($0[0]) }
        rendered = replace(sourcePattern, in: rendered) { source(SourceReference(source: $0[0], stream: $0[1])) }
        return rendered
    }

    private static func matches(_ pattern: NSRegularExpression, in text: String) -> [[String]] {
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }

    private static func replace(_ pattern: NSRegularExpression, in text: String,
                                with replacement: ([String]) -> String) -> String {
        var result = ""
        var cursor = text.startIndex
        let range = NSRange(text.startIndex..., in: text)
        for match in pattern.matches(in: text, range: range) {
            let whole = Range(match.range, in: text)!
            result += text[cursor..<whole.lowerBound]
            result += replacement((1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) })
            cursor = whole.upperBound
        }
        return result + text[cursor...]
    }

    private static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen = Set<T>()
        return values.filter { seen.insert($0).inserted }
    }
}

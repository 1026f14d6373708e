import Foundation

/// Query strings as HTML forms and the HTTP libraries of data·inclusion's
/// consumers (requests, httpx, furl) write them: `+` stands for a space,
/// then percent-escapes are decoded. A malformed escape is kept as written
/// rather than dropping the pair, as FastAPI (Starlette) does.
enum FormQuery {
    static func pairs(_ query: String) -> [(String, String)] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { part in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(pieces[0])
            let value = pieces.count > 1 ? decode(pieces[1]) : ""
            return (name, value)
        }
    }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// A path segment (an id): percent-decoded, `+` kept (it is literal in a path).
    static func pathSegment(_ text: String) -> String {
        text.removingPercentEncoding ?? text
    }
}

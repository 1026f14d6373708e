import Crypto
import Foundation

/// Whether a fetched body is what the source serves: a producer's error page,
/// a cut connection or a looping paginator must fail the source, not land in
/// the archive as data.
public enum BodyCheck {
    public enum Expected: String, Sendable { case json, csv, html, xml, any }

    /// Throws `FetchError.badBody` with the reason when `data` cannot be the body of `expected`.
    static func check(_ data: Data, contentType: String?, expected: Expected, url: String) throws {
        guard !data.isEmpty else { throw FetchError.badBody(url: url, reason: "an empty body") }
        let type = contentType?.lowercased() ?? ""
        let looksLikeHTML = startsWithMarkup(data) && (type.contains("html") || containsHTMLTag(data))
        switch expected {
        case .json:
            if type.contains("html") || looksLikeHTML {
                throw FetchError.badBody(url: url, reason: "an HTML page instead of JSON\(title(of: data).map { " (\"\($0)\")" } ?? "")")
            }
            do { _ = try JSONSlices(data).topLevel() } catch {
                throw FetchError.badBody(url: url, reason: "not JSON to its end: \(error.reason) (\(data.count) bytes received)")
            }
            guard (try? JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)) != nil else {
                throw FetchError.badBody(url: url, reason: "not well-formed JSON (\(data.count) bytes received)")
            }
        case .csv:
            if type.contains("html") || looksLikeHTML {
                throw FetchError.badBody(url: url, reason: "an HTML page instead of CSV\(title(of: data).map { " (\"\($0)\")" } ?? "")")
            }
        case .html:
            guard let text = String(data: data, encoding: .utf8)?.lowercased() ?? String(data: data, encoding: .isoLatin1)?.lowercased(),
                  text.contains("<html") else {
                throw FetchError.badBody(url: url, reason: "not an HTML page")
            }
            guard text.contains("</html>") else {
                throw FetchError.badBody(url: url, reason: "an HTML page cut short (no </html>, \(data.count) bytes received)")
            }
        case .xml:
            if type.contains("html") || looksLikeHTML {
                throw FetchError.badBody(url: url, reason: "an HTML page instead of XML")
            }
        case .any:
            break
        }
    }

    /// A page whose items are the previous page's: the paginator is looping.
    static func checkNotRepeated(_ items: [Data], previous: inout String?, page: Int, url: String) throws {
        guard !items.isEmpty else { return }
        var hasher = SHA256()
        for item in items { hasher.update(data: item) }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        if digest == previous {
            throw FetchError.protocolViolation(url: url, reason: "page \(page) repeats page \(page - 1) (\(items.count) identical items): the pagination is looping")
        }
        previous = digest
    }

    static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    private static func startsWithMarkup(_ data: Data) -> Bool {
        data.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "<")
    }

    private static func containsHTMLTag(_ data: Data) -> Bool {
        let head = String(decoding: data.prefix(2048), as: UTF8.self).lowercased()
        return head.contains("<html") || head.contains("<!doctype html") || head.contains("<body")
    }

    private static func title(of data: Data) -> String? {
        let head = String(decoding: data.prefix(8192), as: UTF8.self)
        guard let open = head.range(of: "<title>", options: .caseInsensitive),
              let close = head.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<head.endIndex) else { return nil }
        return String(head[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

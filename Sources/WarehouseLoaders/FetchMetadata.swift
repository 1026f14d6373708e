import Foundation

/// The optional `_fetch.json` beside a source's files: when it was fetched.
enum FetchMetadata {
    static func read(from directory: URL) -> Date? {
        let file = directory.appendingPathComponent("_fetch.json")
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let text = object["fetched_at"] as? String else { return nil }
        return ISO8601DateFormatter().date(from: text)
    }
}

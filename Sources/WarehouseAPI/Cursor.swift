import Foundation

/// A position in a list, pinned to the data version the listing started on:
/// the next pages read that version's tables (kept for the last few
/// refreshes), so a refresh in between neither skips nor repeats rows. Once
/// that version is dropped the cursor has expired (410).
struct Cursor: Sendable, Codable, Equatable {
    /// The published data version the listing reads.
    let version: Int64
    /// The sort key of the last row returned (id, or distance and id).
    let after: [String]

    init(version: Int64, after: [String]) {
        self.version = version
        self.after = after
    }

    init(decoding text: String) throws {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(Cursor.self, from: data) else {
            throw ParameterError("cursor", "cursor is not one this server gave; start again with cursor=start", input: text)
        }
        self = cursor
    }

    /// Keys sorted: the same position gives the same cursor, on any server.
    var encoded: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let data = (try? encoder.encode(self)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

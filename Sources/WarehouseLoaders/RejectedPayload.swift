import Foundation

/// What `raw.rejects.record` keeps of a rejected record. The column is text:
/// bytes that are not UTF-8 become U+FFFD and NUL (which PostgreSQL text
/// cannot hold) becomes U+2400, so that storing the reject never fails the
/// way the record would have. A record over the text limit is cut: the file,
/// its sha256 and the record number say where the whole of it is.
enum RejectedPayload {
    static func storable(_ payload: Data) -> Data {
        var text = String(decoding: payload, as: UTF8.self)
        if text.utf8.contains(0) { text = text.replacingOccurrences(of: "\u{0}", with: "\u{2400}") }
        guard text.utf8.count > LoadLimits.textBytes else { return Data(text.utf8) }
        let kept = String(decoding: text.utf8.prefix(LoadLimits.textBytes), as: UTF8.self)
        return Data((kept + "… [cut: the record is \(payload.count) bytes]").utf8)
    }
}

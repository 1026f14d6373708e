import Foundation
import WarehouseCore

/// Text files must be UTF-8; a byte sequence that is not names the file and
/// the byte, rather than loading garbage.
enum TextDecoding {
    static func utf8(_ data: Data, file: String) throws -> String {
        if let text = String(data: data, encoding: .utf8) { return text }
        throw WarehouseError.unreadableFile(file: file, reason: "not UTF-8 (first invalid byte at offset \(firstInvalidUTF8Byte(data)))")
    }

    /// UTF-8 when it decodes, else Latin-1 (older FINESS extractions).
    static func utf8OrLatin1(_ data: Data) -> String {
        String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) ?? ""
    }

    static func firstInvalidUTF8Byte(_ data: Data) -> Int {
        var iterator = data.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error, .emptyInput: return offset
            }
        }
    }
}

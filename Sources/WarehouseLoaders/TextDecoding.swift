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
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int in
            let bytes = raw.bindMemory(to: UInt8.self)
            return firstInvalidUTF8Byte(in: bytes, range: 0..<bytes.count) ?? bytes.count
        }
    }

    /// The offset of the first byte in `range` that does not start a valid
    /// UTF-8 sequence, or nil when the range is valid UTF-8.
    static func firstInvalidUTF8Byte(in bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] < 0x80 { index += 1; continue }
            guard let length = utf8SequenceLength(at: index, in: bytes, end: range.upperBound) else { return index }
            index += length
        }
        return nil
    }

    /// The length of the valid multi-byte UTF-8 sequence starting at `index`,
    /// or nil: overlong forms, surrogates and code points above U+10FFFF are
    /// invalid (RFC 3629), as PostgreSQL holds them to be.
    static func utf8SequenceLength(at index: Int, in bytes: UnsafeBufferPointer<UInt8>, end: Int) -> Int? {
        let lead = bytes[index]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return nil
        }
        guard index + length <= end, secondRange.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }

    /// "0xE9" for messages.
    static func hex(_ byte: UInt8) -> String { "0x" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2) }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

import Foundation
import NIOCore

/// Writes rows in PostgreSQL's COPY text format: tab-separated columns,
/// one row a line, with backslash, tab, newline and carriage return escaped.
struct CopyTextEncoder {
    private(set) var buffer = ByteBuffer()

    mutating func appendRow(_ columns: [CopyValue]) {
        for (index, column) in columns.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            switch column {
            case .text(let text): appendEscaped(Data(text.utf8))
            case .bytes(let data): appendEscaped(data)
            case .integer(let value): buffer.writeString(String(value))
            }
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    mutating func takeBuffer() -> ByteBuffer {
        defer { buffer = ByteBuffer() }
        return buffer
    }

    private mutating func appendEscaped(_ data: Data) {
        buffer.reserveCapacity(minimumWritableBytes: data.count)
        data.withUnsafeBytes { raw in
            var runStart = 0
            for (index, byte) in raw.enumerated() {
                let escape: UInt8?
                switch byte {
                case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
                case UInt8(ascii: "\t"): escape = UInt8(ascii: "t")
                case UInt8(ascii: "\n"): escape = UInt8(ascii: "n")
                case UInt8(ascii: "\r"): escape = UInt8(ascii: "r")
                default: escape = nil
                }
                guard let escape else { continue }
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: raw[runStart..<index]))
                buffer.writeInteger(UInt8(ascii: "\\"))
                buffer.writeInteger(escape)
                runStart = index + 1
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: raw[runStart..<raw.count]))
        }
    }
}

enum CopyValue {
    case text(String)
    case bytes(Data)
    case integer(Int)
}

/// Line and column of a byte offset, for messages a person reads next to the
/// file in an editor. Columns count characters, not bytes, as editors and
/// libxml2 do.
struct TextPosition: CustomStringConvertible, Equatable {
    let line: Int
    let column: Int

    var description: String { "line \(line), column \(column)" }
}

/// Finds the positions of increasing offsets in one pass over the bytes, so
/// that naming the place of every rejected record of a large file (often a
/// single line) stays linear.
struct TextPositionTracker {
    let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var line = 1
    private var column = 1

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func position(of target: Int) -> TextPosition {
        let target = min(max(target, 0), bytes.count)
        if target < offset { self = TextPositionTracker(bytes) }
        while offset < target {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return TextPosition(line: line, column: column)
    }

    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> TextPosition {
        var tracker = TextPositionTracker(bytes)
        return tracker.position(of: offset)
    }
}

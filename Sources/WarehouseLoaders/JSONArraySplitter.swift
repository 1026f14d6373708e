import Foundation

/// Finds the byte range of each element of a top-level JSON array, so each
/// record can be stored exactly as received. The input must already be known
/// to be valid JSON: only strings and nesting are tracked here.
enum JSONArraySplitter {
    static func elementRanges(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var depth = 0
        var inString = false
        var escaped = false
        var elementStart: Int?
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"):
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                if depth == 1, elementStart == nil { elementStart = index }
                depth += 1
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                if depth == 1, let start = elementStart, bytes[start] == UInt8(ascii: "[") || bytes[start] == UInt8(ascii: "{") {
                    ranges.append(start..<(index + 1))
                    elementStart = nil
                } else if depth == 0, let start = elementStart {
                    ranges.append(start..<trimmedEnd(bytes, before: index))
                    elementStart = nil
                }
                continue
            case UInt8(ascii: ","):
                if depth == 1, let start = elementStart {
                    ranges.append(start..<trimmedEnd(bytes, before: index))
                    elementStart = nil
                }
                continue
            case UInt8(ascii: "\""):
                inString = true
            default:
                break
            }
            if depth == 1, elementStart == nil { elementStart = index }
        }
        return ranges
    }

    /// The end of a scalar element, without the white space before its separator.
    private static func trimmedEnd(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
        var end = index
        while end > 0, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(bytes[end - 1]) {
            end -= 1
        }
        return end
    }
}

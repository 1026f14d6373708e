import Foundation

/// Byte ranges of JSON values inside a body, so that an archive keeps each
/// item exactly as the producer sent it (never re-serialized).
struct JSONSlices {
    struct Fault: Error {
        let offset: Int
        let reason: String
    }

    let bytes: [UInt8]

    init(_ data: Data) { bytes = [UInt8](data) }

    /// The whole body: one value and nothing after it but white space.
    func topLevel() throws(Fault) -> Range<Int> {
        let start = skipWhitespace(from: 0)
        guard start < bytes.count else { throw Fault(offset: 0, reason: "the body holds no JSON value") }
        let end = try endOfValue(from: start)
        let rest = skipWhitespace(from: end)
        guard rest == bytes.count else { throw Fault(offset: rest, reason: "more content after the JSON value ending at byte \(end)") }
        return start..<end
    }

    /// The value of `key` in the object at `range` (a member at its top).
    func member(_ key: String, in range: Range<Int>) throws(Fault) -> Range<Int>? {
        guard bytes[range.lowerBound] == UInt8(ascii: "{") else { return nil }
        var position = skipWhitespace(from: range.lowerBound + 1)
        if bytes[position] == UInt8(ascii: "}") { return nil }
        while position < range.upperBound {
            let nameEnd = try endOfValue(from: position)
            let name = try? JSONSerialization.jsonObject(with: Data(bytes[position..<nameEnd]), options: .fragmentsAllowed) as? String
            position = skipWhitespace(from: nameEnd)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw Fault(offset: position, reason: "expected ':'") }
            let valueStart = skipWhitespace(from: position + 1)
            let valueEnd = try endOfValue(from: valueStart)
            if name == key { return valueStart..<valueEnd }
            position = skipWhitespace(from: valueEnd)
            guard position < bytes.count else { throw Fault(offset: position, reason: "the body ends inside an object") }
            if bytes[position] == UInt8(ascii: "}") { return nil }
            position = skipWhitespace(from: position + 1)
        }
        return nil
    }

    /// The elements of the array at `range`.
    func elements(of range: Range<Int>) throws(Fault) -> [Range<Int>] {
        guard bytes[range.lowerBound] == UInt8(ascii: "[") else {
            throw Fault(offset: range.lowerBound, reason: "expected an array")
        }
        var result: [Range<Int>] = []
        var position = skipWhitespace(from: range.lowerBound + 1)
        if bytes[position] == UInt8(ascii: "]") { return [] }
        while position < range.upperBound {
            let end = try endOfValue(from: position)
            result.append(position..<end)
            position = skipWhitespace(from: end)
            if bytes[position] == UInt8(ascii: "]") { break }
            position = skipWhitespace(from: position + 1)
        }
        return result
    }

    func data(_ range: Range<Int>) -> Data { Data(bytes[range]) }

    /// Items joined as one JSON array, each item's bytes untouched.
    static func concatenated(_ items: [Data]) -> Data {
        var result = Data("[".utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { result.append(contentsOf: Array(",\n".utf8)) }
            result.append(item)
        }
        result.append(contentsOf: Array("]\n".utf8))
        return result
    }

    private func skipWhitespace(from start: Int) -> Int {
        var position = start
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        return position
    }

    /// Where the value starting at `start` ends; a body cut inside it is a fault.
    private func endOfValue(from start: Int) throws(Fault) -> Int {
        guard start < bytes.count else { throw Fault(offset: start, reason: "the body ends where a value was expected (truncated)") }
        var depth = 0
        var position = start
        repeat {
            guard position < bytes.count else {
                throw Fault(offset: bytes.count, reason: "the body ends inside a JSON value opened at byte \(start) (truncated)")
            }
            switch bytes[position] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; position += 1
            case UInt8(ascii: "\""):
                position += 1
                while true {
                    guard position < bytes.count else {
                        throw Fault(offset: bytes.count, reason: "the body ends inside a string (truncated)")
                    }
                    if bytes[position] == UInt8(ascii: "\\") { position += 2; continue }
                    position += 1
                    if bytes[position - 1] == UInt8(ascii: "\"") { break }
                }
            default:
                // a number, true, false, null, or the separators inside a container
                position += 1
                if depth == 0 {
                    while position < bytes.count, !"[]{},: \n\r\t\"".utf8.contains(bytes[position]) { position += 1 }
                }
            }
        } while depth > 0
        if depth < 0 { throw Fault(offset: position, reason: "unbalanced brackets") }
        return position
    }
}

import Foundation

/// xoshiro256** seeded through SplitMix64: Foundation's generator cannot be
/// seeded, and the snapshots must be byte-identical for a given seed on every
/// machine and Swift version. Every draw below (ranges, choices, shuffles) is
/// written here rather than taken from the standard library, whose algorithms
/// may change between releases.
struct SeededRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// An independent stream for one purpose (`world`, `noise`, `ids`…): the
    /// same seed gives the same stream, and adding draws to one purpose does
    /// not shift the others.
    init(seed: UInt64, stream: String) {
        var state = seed ^ SeededRandom.fnv1a(stream)
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// Uniform in [0, 1), 53 bits.
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        unit() < probability
    }

    /// Uniform in `range` (Lemire's multiply-shift; the tiny bias is irrelevant here).
    mutating func integer(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        let product = next().multipliedFullWidth(by: width)
        return range.lowerBound + Int(product.high)
    }

    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    mutating func pick<Element>(_ items: [Element]) -> Element {
        items[integer(in: 0...(items.count - 1))]
    }

    /// One item drawn with probability proportional to its weight.
    mutating func pick<Element>(weighted items: [(Element, Double)]) -> Element {
        let total = items.reduce(0) { $0 + $1.1 }
        var threshold = unit() * total
        for (item, weight) in items {
            threshold -= weight
            if threshold < 0 { return item }
        }
        return items[items.count - 1].0
    }

    /// Fisher–Yates.
    mutating func shuffle<Element>(_ items: inout [Element]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            let other = integer(in: 0...index)
            if other != index { items.swapAt(index, other) }
        }
    }

    /// Poisson-distributed count (Knuth; the means used here are small).
    mutating func poisson(mean: Double) -> Int {
        let limit = exp(-mean)
        var product = unit()
        var count = 0
        while product > limit {
            count += 1
            product *= unit()
        }
        return count
    }

    /// A random version-4 UUID, lower-case, as most producers publish ids.
    mutating func uuid() -> String {
        let high = next()
        let low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { SeededRandom.hexDigits[Int($0 >> 4)] + SeededRandom.hexDigits[Int($0 & 0x0F)] }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }

    /// `count` random lower-case hexadecimal digits (MongoDB-like object ids).
    mutating func hex(count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text += SeededRandom.hexDigits[integer(in: 0...15)] }
        return text
    }

    mutating func digits(count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text += String(integer(in: 0...9)) }
        return text
    }

    private static let hexDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
}

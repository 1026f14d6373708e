import Foundation

/// What a writer produced for one source.
struct WrittenSnapshot {
    /// Structure records that reach marts.structures.
    let structures: Int
    let services: Int
    /// Lines the pipeline drops on purpose (FINESS categories out of scope,
    /// `geolocalisation` lines).
    let ignoredLines: Int
    /// Paths relative to the output directory.
    let files: [String]
}

/// One writer per source format.
protocol SnapshotWriter {
    var source: GeneratedSource { get }
    func write(_ records: [SourceRecord], to folder: URL, using random: inout SeededRandom) throws -> WrittenSnapshot
}

/// File output shared by the writers.
enum SnapshotFiles {
    static func folder(_ output: URL, for source: GeneratedSource) throws -> URL {
        let folder = output.appendingPathComponent(source.slug, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError.unwritableOutput(path: folder.path, reason: error.localizedDescription)
        }
        return folder
    }

    /// A JSON array, one element per line (the APIs' pages concatenated).
    static func writeJSONArray(_ values: [JSONValue], to file: URL) throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 1024)
        bytes.append(contentsOf: "[\n".utf8)
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(contentsOf: ",\n".utf8) }
            value.write(to: &bytes)
        }
        bytes.append(contentsOf: "\n]\n".utf8)
        try write(bytes, to: file)
    }

    static func write(_ bytes: [UInt8], to file: URL) throws {
        do {
            try Data(bytes).write(to: file, options: .atomic)
        } catch {
            throw GeneratorError.unwritableOutput(path: file.path, reason: error.localizedDescription)
        }
    }

    /// A producer's local date-time ("2026-05-12T09:41:27.123456+02:00"):
    /// summer time from April to October, near enough for update stamps.
    static func localDateTime(_ day: CalendarDay, fraction: Int?, using random: inout SeededRandom) -> String {
        let month = day.components.month
        let offset = (4...10).contains(month) ? "+02:00" : "+01:00"
        let time = "\(CalendarDay.twoDigits(random.integer(in: 7...19))):\(CalendarDay.twoDigits(random.integer(in: 0...59))):\(CalendarDay.twoDigits(random.integer(in: 0...59)))"
        let fractionText = fraction.map { digits in "." + random.digits(count: digits) } ?? ""
        return "\(day.iso)T\(time)\(fractionText)\(offset)"
    }

    /// A UTC stamp with milliseconds ("2026-05-04T08:12:45.000Z"), as Soliguide writes them.
    static func utcDateTime(_ day: CalendarDay, using random: inout SeededRandom) -> String {
        "\(day.iso)T\(CalendarDay.twoDigits(random.integer(in: 6...18))):\(CalendarDay.twoDigits(random.integer(in: 0...59))):\(CalendarDay.twoDigits(random.integer(in: 0...59))).\(random.digits(count: 3))Z"
    }
}

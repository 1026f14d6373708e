import Foundation

/// `truth.csv`: `source,native_id,entity`, one row per generated structure
/// record that reaches marts.structures (its mart id is `<source>--<native_id>`);
/// records of one real organisation share an entity.
enum TruthWriter {
    static func write(_ records: [SourceRecord], to file: URL) throws -> Int {
        var text = "source,native_id,entity\n"
        var rows = 0
        for record in records where record.organisation.kind.reachesMarts {
            // ids and entities never contain commas or quotes: no quoting needed
            text += "\(record.source.slug),\(record.nativeID),\(record.organisation.entity)\n"
            rows += 1
        }
        try SnapshotFiles.write(Array(text.utf8), to: file)
        return rows
    }
}

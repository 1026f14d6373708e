import Crypto
import Foundation
import WarehouseCore

/// Reads one stream of a source folder in its format: its file, or every
/// file of its folder in name order, numbering records across files. Then
/// keeps one record per native id (DuplicateRecords): across the stream, or
/// within each file for monenfant's files, whose search circles overlap by
/// design (the same crèche in several files; staging keeps the freshest).
enum StreamReader {
    static func read(_ stream: StreamDefinition, in sourceDirectory: URL) throws -> StreamSnapshot {
        var records: [RawRecord] = []
        let duplicatesPerFile = stream.format == .jsonArrayPerFile
        for file in try files(of: stream, in: sourceDirectory) {
            let data: Data
            do { data = try Data(contentsOf: file) } catch {
                throw WarehouseError.unreadableFile(file: file.path, reason: error.localizedDescription)
            }
            guard !data.isEmpty else { throw WarehouseError.unreadableFile(file: file.path, reason: "empty file (0 bytes)") }
            let relativePath = stream.format.readsFolder ? "\(stream.path)/\(file.lastPathComponent)" : stream.path
            let snapshotFile = SnapshotFile(path: file.path, name: relativePath, firstRecordNumber: records.count + 1)
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            var fileRecords = try parse(data, file: snapshotFile, url: file, stream: stream).enumerated().map { index, parsed in
                RawRecord(recordNumber: snapshotFile.firstRecordNumber + index, fileName: relativePath, fileSHA256: digest, parsed: parsed)
            }
            if duplicatesPerFile { DuplicateRecords.rejectConflicting(&fileRecords) }
            records += fileRecords
        }
        if !duplicatesPerFile { DuplicateRecords.rejectConflicting(&records) }
        return StreamSnapshot(stream: stream.name, records: records)
    }

    private static func parse(_ data: Data, file: SnapshotFile, url: URL, stream: StreamDefinition) throws -> [ParsedRecord] {
        switch stream.format {
        case .jsonArray, .jsonArrayPerFile:
            return try JSONArrayReader.records(in: data, file: file, underKey: nil, idField: stream.idField)
        case .jsonArrayUnderKey(let key):
            return try JSONArrayReader.records(in: data, file: file, underKey: key, idField: stream.idField)
        case .csv(let delimiter):
            return try CSVRecordReader.records(in: data, file: file, delimiter: delimiter, idField: stream.idField)
        case .finess:
            return try FinessRecordReader.records(in: data, file: file, idField: stream.idField)
        case .lheoXML:
            return try LHEORecordReader.records(in: data, file: file, idField: stream.idField)
        case .htmlPages:
            let structureID = url.deletingPathExtension().lastPathComponent
            guard let page = String(data: data, encoding: .utf8) else {
                // A page is one record: a broken page is rejected, the others load.
                let payload = try JSONSerialization.data(withJSONObject: ["structure_id": structureID])
                return [ParsedRecord(payload: payload, rejectReason:
                    "\(file.record(0)): not UTF-8 (first invalid byte at offset \(TextDecoding.firstInvalidUTF8Byte(data)))")]
            }
            let record = HTMLPageScraper.record(page: page, structureID: structureID)
            return [try .object(record, idField: stream.idField, location: file.record(0))]
        }
    }

    /// The stream's file, or the files of its folder with the format's extension.
    static func files(of stream: StreamDefinition, in sourceDirectory: URL) throws -> [URL] {
        let location = sourceDirectory.appendingPathComponent(stream.path)
        guard FileManager.default.fileExists(atPath: location.path) else {
            throw WarehouseError.unreadableFile(file: location.path, reason: "the \(stream.name) stream's \(stream.format.readsFolder ? "folder" : "file") is missing")
        }
        guard stream.format.readsFolder else { return [location] }
        let wanted = stream.format == .htmlPages ? "html" : "json"
        return try FileManager.default.contentsOfDirectory(at: location, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == wanted }
            .sorted { $0.lastPathComponent.localizedStandardCompare($1.lastPathComponent) == .orderedAscending }
    }
}

import Crypto
import Foundation
import WarehouseCore

/// Reads one stream of a source folder in its format: its file, or every
/// file of its folder in name order, numbering records across files.
enum StreamReader {
    static func read(_ stream: StreamDefinition, in sourceDirectory: URL) throws -> StreamSnapshot {
        var records: [RawRecord] = []
        for file in try files(of: stream, in: sourceDirectory) {
            let data: Data
            do { data = try Data(contentsOf: file) } catch {
                throw WarehouseError.unreadableFile(file: file.path, reason: error.localizedDescription)
            }
            let relativePath = stream.format.readsFolder ? "\(stream.path)/\(file.lastPathComponent)" : stream.path
            let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            for parsed in try parse(data, file: file, stream: stream) {
                records.append(RawRecord(recordNumber: records.count + 1, fileName: relativePath, fileSHA256: digest,
                                         payload: parsed.payload, rejectReason: parsed.rejectReason))
            }
        }
        return StreamSnapshot(stream: stream.name, records: records)
    }

    private static func parse(_ data: Data, file: URL, stream: StreamDefinition) throws -> [ParsedRecord] {
        switch stream.format {
        case .jsonArray, .jsonArrayPerFile:
            return try JSONArrayReader.records(in: data, file: file.path, underKey: nil, idField: stream.idField)
        case .jsonArrayUnderKey(let key):
            return try JSONArrayReader.records(in: data, file: file.path, underKey: key, idField: stream.idField)
        case .csv(let delimiter):
            return try CSVRecordReader.records(in: data, file: file.path, delimiter: delimiter, idField: stream.idField)
        case .finess:
            return try FinessRecordReader.records(in: data, file: file.path, idField: stream.idField)
        case .lheoXML:
            return try LHEORecordReader.records(in: data, file: file.path, idField: stream.idField)
        case .htmlPages:
            let page = try TextDecoding.utf8(data, file: file.path)
            let record = HTMLPageScraper.record(page: page, structureID: file.deletingPathExtension().lastPathComponent)
            return [try .object(record, idField: stream.idField)]
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

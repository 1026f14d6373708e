import Foundation
import Testing
@testable import WarehouseCore
@testable import WarehouseLoaders

@Suite struct JSONArrayReaderTests {
    let stream = StreamDefinition(name: "structures", fileName: "structures.json", format: .jsonArray)

    func write(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString).json")
        try Data(text.utf8).write(to: file)
        return file
    }

    @Test func keepsEachRecordsOriginalBytesAndRejectsBadRecords() throws {
        let file = try write(#"[ {"id": "a", "n": [1, {"x": "]"}]}, 42, {"nom": "sans id"}, {"id": ""}, {"id": "b\"q"} ]"#)
        let snapshot = try JSONArrayReader.read(file: file, stream: stream)
        #expect(snapshot.records.count == 5)
        #expect(String(decoding: snapshot.records[0].payload, as: UTF8.self) == #"{"id": "a", "n": [1, {"x": "]"}]}"#)
        #expect(snapshot.records.map(\.rejectReason) == [
            nil, "record is not a JSON object", "record has no 'id'", "record has an empty 'id'", nil,
        ])
        #expect(snapshot.sha256.count == 64)
    }

    @Test func invalidJSONNamesTheFileAndByteOffset() throws {
        let file = try write("[{\"id\": \"a\"},\n {\"id\": tru}]")
        #expect {
            try JSONArrayReader.read(file: file, stream: stream)
        } throws: { error in
            guard case let WarehouseError.invalidJSON(path, offset, _) = error else { return false }
            return path == file.path && (22...25).contains(offset)
        }
    }

    @Test func aTopLevelObjectIsNotAStream() throws {
        let file = try write(#"{"results": []}"#)
        #expect(throws: WarehouseError.self) { try JSONArrayReader.read(file: file, stream: stream) }
    }
}

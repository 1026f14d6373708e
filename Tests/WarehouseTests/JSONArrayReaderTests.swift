import Foundation
import Testing
@testable import WarehouseCore
@testable import WarehouseLoaders

@Suite struct JSONArrayReaderTests {
    let stream = StreamDefinition(name: "structures", path: "structures.json", format: .jsonArray)

    func folder(with text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("structures.json"))
        return folder
    }

    @Test func keepsEachRecordsOriginalBytesAndRejectsBadRecords() throws {
        let folder = try folder(with: #"[ {"id": "a", "n": [1, {"x": "]"}]}, 42, {"nom": "sans id"}, {"id": ""}, {"id": "b\"q"}, {"id": 7}, {"id": null}, [1] ]"#)
        let snapshot = try StreamReader.read(stream, in: folder)
        #expect(snapshot.records.count == 8)
        #expect(String(decoding: snapshot.records[0].payload, as: UTF8.self) == #"{"id": "a", "n": [1, {"x": "]"}]}"#)
        #expect(snapshot.records.map(\.rejectReason) == [
            nil, "record is not a JSON object", "record has no 'id'", "record has an empty 'id'", nil,
            nil, "record has no 'id'", "record is not a JSON object",
        ])
        #expect(snapshot.records[0].fileSHA256.count == 64)
        #expect(snapshot.records.map(\.recordNumber) == Array(1...8))
        #expect(String(decoding: snapshot.records[7].payload, as: UTF8.self) == "[1]")
    }

    @Test func invalidJSONNamesTheFileAndByteOffset() throws {
        let folder = try folder(with: "[{\"id\": \"a\"},\n {\"id\": tru}]")
        #expect {
            try StreamReader.read(stream, in: folder)
        } throws: { error in
            guard case let WarehouseError.invalidJSON(path, offset, _) = error else { return false }
            return path.hasSuffix("structures.json") && (22...25).contains(offset)
        }
    }

    @Test func aTopLevelObjectIsNotAStream() throws {
        let folder = try folder(with: #"{"results": []}"#)
        #expect(throws: WarehouseError.self) { try StreamReader.read(stream, in: folder) }
    }
}

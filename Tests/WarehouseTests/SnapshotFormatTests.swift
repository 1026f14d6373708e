import Foundation
import Testing
@testable import WarehouseCore
@testable import WarehouseLoaders
import WarehouseTestSupport

/// Each on-disk format gives the records docs/raw-layer.md describes.
@Suite struct SnapshotFormatTests {
    func objects(_ source: String, _ streamName: String, in folder: URL? = nil) throws -> [[String: Any]] {
        let definition = try #require(SourceCatalog.source(source))
        let stream = try #require(definition.streams.first { $0.name == streamName })
        let snapshot = try StreamReader.read(stream, in: (folder ?? TestDatabase.demoSnapshots).appendingPathComponent(source))
        return try snapshot.goodRecords.map { try JSONSerialization.jsonObject(with: $0.payload) as? [String: Any] ?? [:] }
    }

    func temporarySource(_ slug: String, file: String, data: Data) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent(slug), withIntermediateDirectories: true)
        try data.write(to: root.appendingPathComponent(slug).appendingPathComponent(file))
        return root
    }

    @Test func csvRowsAreObjectsKeyedByTheExactHeaders() throws {
        let garages = try objects("mes-aides", "garages")
        #expect(garages.count == 4)
        let first = try #require(garages.first)
        #expect(first["Créé le"] as? String == "2023-05-10")
        #expect(first["ID"] as? String == "recGARAGEEX01")
        #expect(garages.contains { $0.values.contains { $0 is NSNull } })
    }

    @Test func aSemicolonFileLoadedAsCommaIsRefusedWithTheReason() throws {
        let root = try temporarySource("action-logement", file: "structures.csv", data: Data("id;nom\n1;Bureau\n".utf8))
        let stream = StreamDefinition(name: "structures", path: "structures.csv", format: .csv(delimiter: ","))
        #expect {
            try StreamReader.read(stream, in: root.appendingPathComponent("action-logement"))
        } throws: { error in
            "\(error)".contains("looks ';'-delimited")
        }
    }

    @Test func aCSVFileThatIsNotUTF8NamesTheByte() throws {
        let latin1 = Data("id,nom\n1,Cr".utf8) + Data([0xE8]) + Data("che\n".utf8)
        let root = try temporarySource("action-logement", file: "structures.csv", data: latin1)
        let stream = StreamDefinition(name: "structures", path: "structures.csv", format: .csv(delimiter: ","))
        #expect {
            try StreamReader.read(stream, in: root.appendingPathComponent("action-logement"))
        } throws: { error in
            "\(error)".contains("not UTF-8 (first invalid byte at offset 11)")
        }
    }

    @Test func aCSVLineWithTheWrongCellCountIsRejectedAlone() throws {
        let root = try temporarySource("action-logement", file: "structures.csv", data: Data("id,nom\n1,A\n2,B,extra\n3,C\n".utf8))
        let stream = StreamDefinition(name: "structures", path: "structures.csv", format: .csv(delimiter: ","))
        let snapshot = try StreamReader.read(stream, in: root.appendingPathComponent("action-logement"))
        #expect(snapshot.goodRecords.count == 2)
        #expect(snapshot.rejectedRecords.map(\.rejectReason) == ["line has 3 cells, the header has 2"])
    }

    @Test func finessLinesGetTheirColumnNamesAndLatin1IsRead() throws {
        let lines = try objects("finess", "etablissements")
        #expect(lines.count == 6)
        #expect(lines.filter { $0["typeet"] as? String == "structureet" }.count == 5)
        #expect(lines.first?["categetab"] as? String == "156")
        let latin1 = Data("finess;etalab;96;2026-06-29\nstructureet;350000009;;CMP R".utf8) + Data([0xC9]) + Data("NNES;\n".utf8)
        let root = try temporarySource("finess", file: "etablissements.csv", data: latin1)
        let record = try #require(try objects("finess", "etablissements", in: root).first)
        #expect(record["rs"] as? String == "CMP RÉNNES")
        #expect(record["numuai"] is NSNull)
    }

    @Test func lheoFormationsAreTreesWithArraysForRepeatableElements() throws {
        let formations = try objects("carif-oref", "formations")
        #expect(formations.count == 4)
        let first = try #require(formations.first)
        #expect(first["@numero"] as? String == "14_EX000001")
        let actions = try #require(first["action"] as? [[String: Any]])
        #expect(actions.count == 3)
        let publics = try #require(actions.first?["code-public-vise"] as? [[String: Any]])
        #expect(publics.first?["$"] as? String == "81042")
        #expect(publics.first?["@ref"] as? String == "V14")
        #expect((first["intitule-formation"] as? String)?.hasPrefix("Français langue étrangère") == true)
    }

    @Test func htmlPagesGiveTheModificationDateAndWebsite() throws {
        let pages = try objects("reseau-alpha", "pages")
        #expect(pages.map { $0["structure_id"] as? String } == ["3101", "3102", "3103"])
        #expect(pages.first?["date_derniere_modification"] as? String == "5 juin 2026")
        #expect(pages.first?["url"] as? String == "https://aefpt-exemple.invalid")
        #expect(pages[1]["url"] is NSNull)
    }

    @Test func multiFileAndKeyedJSONStreamsKeepTheirRecords() throws {
        #expect(try objects("reseau-alpha", "structures").count == 3)
        let definition = try #require(SourceCatalog.source("monenfant"))
        let snapshot = try StreamReader.read(definition.streams[0], in: TestDatabase.demoSnapshots.appendingPathComponent("monenfant"))
        #expect(snapshot.records.map(\.fileName) == ["creches/35047.json", "creches/35047.json", "creches/35238.json", "creches/35238.json", "creches/35238.json"])
        #expect(snapshot.records.map(\.recordNumber) == [1, 2, 3, 4, 5])
    }
}

import Foundation
import Testing
import WarehouseTestSupport
import WarehouseValidation

/// The same two records (one valid, one with a bad SIRET and an accented
/// name) read from every format and encoding the validator accepts give the
/// same errors; files over a limit are refused with a message naming it.
@Suite struct FileFormatsValidatorTests {
    typealias F = ValidatorFixtures

    static let rows: [F.Row] = [
        F.row(F.structure, ["nom": "Maison de l'Égalité à Sète", "description": "Écoute; accueil, orientation."]),
        F.row(F.structure, id: "mon-territoire--s2", ["siret": "1234", "reseaux_porteurs": "aci,pas-un-reseau"]),
    ]
    static let expected = ["structures 2 reseaux_porteurs enum", "structures 2 siret pattern"]

    static func check(_ name: String, _ data: Data, format: String, encoding: String?, delimiter: String?) throws {
        let report = try FileValidator(layout: TestDatabase.layout).validate([ValidationInput(name: name, data: data)])
        #expect(FileValidatorTests.found(report) == expected, "\(name): \(report.text)")
        let file = try #require(report.files.first)
        #expect(file.format == format)
        #expect(file.encoding == encoding)
        #expect(file.delimiter == delimiter)
        #expect(file.rows == 2)
        #expect(file.invalidRows == 1)
        #expect(report.errors.first?.id == "mon-territoire--s2")
    }

    @Test func csvWithCommas() throws {
        try Self.check("structures.csv", Data(F.csv(Self.rows).utf8), format: "csv", encoding: "UTF-8", delimiter: ",")
    }

    @Test func csvWithSemicolonsAndAByteOrderMark() throws {
        try Self.check("structures.csv", Data([0xEF, 0xBB, 0xBF]) + Data(F.csv(Self.rows, delimiter: ";").utf8),
                       format: "csv", encoding: "UTF-8", delimiter: ";")
    }

    @Test func latin1CSVKeepsItsAccents() throws {
        let data = try #require(F.csv(Self.rows, delimiter: ";").data(using: .isoLatin1))
        #expect(String(data: data, encoding: .utf8) == nil)
        try Self.check("structures.csv", data, format: "csv", encoding: "Latin-1 (Windows-1252)", delimiter: ";")
        // the name with its accents is what the validator read: a short one shows it in the error
        let short = F.csv([F.row(F.structure, ["nom": "Sè"])], delimiter: ";").data(using: .isoLatin1)!
        let report = try FileValidator(layout: TestDatabase.layout).validate([ValidationInput(name: "structures.csv", data: short)])
        #expect(report.errors.map(\.value) == ["Sè"])
    }

    @Test func xlsxWithADateCell() throws {
        try Self.check("structures.xlsx", try F.xlsx(Self.rows), format: "xlsx", encoding: nil, delimiter: nil)
    }

    @Test func jsonArray() throws {
        try Self.check("structures.json", F.jsonArray(Self.rows), format: "json", encoding: "UTF-8", delimiter: nil)
    }

    @Test func jsonLines() throws {
        try Self.check("structures.jsonl", F.jsonLines(Self.rows), format: "jsonl", encoding: "UTF-8", delimiter: nil)
    }

    @Test func aJSONStringWhereAListBelongsIsATypeError() throws {
        var object = F.jsonObject(F.structure)
        object["reseaux_porteurs"] = "aci"
        let data = try JSONSerialization.data(withJSONObject: [object])
        let report = try FileValidator(layout: TestDatabase.layout).validate([ValidationInput(name: "structures.json", data: data)])
        #expect(FileValidatorTests.found(report) == ["structures 1 reseaux_porteurs type"])
    }

    @Test func aBrokenJSONLineIsReportedAndItsNeighboursChecked() throws {
        let lines = F.jsonLines(Self.rows) + Data("\n{\"id\": \"cassé\"".utf8)
        let report = try FileValidator(layout: TestDatabase.layout).validate([ValidationInput(name: "structures.jsonl", data: lines)])
        #expect(FileValidatorTests.found(report) == Self.expected + ["structures 3  row"])
    }

    @Test func aFileOverTheSizeLimitIsRefusedWithItsMessage() throws {
        let limits = ValidationLimits(maxBytes: 1_048_576, maxRows: 1_000_000)
        var rows: [F.Row] = []
        for index in 0..<12_000 { rows.append(F.row(F.structure, id: "mon-territoire--\(index)")) }
        let data = Data(F.csv(rows).utf8)
        #expect(data.count > 1_048_576)
        let report = try FileValidator(layout: TestDatabase.layout, limits: limits).validate([ValidationInput(name: "structures.csv", data: data)])
        #expect(report.problems.map(\.rule) == ["too_large"])
        #expect(report.problems.first?.message.contains("plus que les 1 Mo que le valideur accepte") == true)
        #expect(report.files.isEmpty && report.errors.isEmpty && !report.isValid)
        // the same from a path: refused before being read
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("validator-\(UUID()).csv")
        try data.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let fromPath = try FileValidator(layout: TestDatabase.layout, limits: limits).validate(paths: [path.path])
        #expect(fromPath.problems.map(\.rule) == ["too_large"])
    }

    @Test func aFileOverTheRowLimitIsRefusedWithItsMessage() throws {
        let limits = ValidationLimits(maxBytes: 50 * 1_048_576, maxRows: 100)
        let rows = (0..<101).map { F.row(F.structure, id: "mon-territoire--\($0)") }
        for (name, data) in [("structures.csv", Data(F.csv(rows).utf8)), ("structures.json", F.jsonArray(rows)),
                             ("structures.jsonl", F.jsonLines(rows)), ("structures.xlsx", try F.xlsx(rows))] {
            let report = try FileValidator(layout: TestDatabase.layout, limits: limits).validate([ValidationInput(name: name, data: data)])
            #expect(report.problems.map(\.rule) == ["too_many_rows"], "\(name)")
            #expect(report.problems.first?.message.contains("plus de 100 lignes") == true)
        }
    }

    @Test func unreadableFilesAreReportedWithTheirReason() throws {
        let validator = try FileValidator(layout: TestDatabase.layout)
        let cases: [(String, Data, String)] = [
            ("structures.csv", Data("source,id,nom,date_maj\nx,\"x--1,Centre,2025-01-01\nx,x--2,Centre B,2025-01-01\n".utf8),
             "le guillemet ouvert ligne 2 du fichier n'est jamais refermé"),
            ("structures.csv", Data("\r\n".utf8), "le fichier est vide"),
            ("structures.xlsx", Data("pas un zip".utf8), "ce n'est pas une archive zip"),
            ("structures.json", Data("[{\"id\": \"a\"},".utf8), "vérifiez qu'il n'est pas tronqué"),
        ]
        for (name, data, message) in cases {
            let report = validator.validate([ValidationInput(name: name, data: data)])
            #expect(report.problems.map(\.rule) == ["unreadable"], "\(name)")
            #expect(report.problems.first?.message.contains(message) == true, "\(report.problems)")
        }
    }

    @Test func anXLSXSheetThatInflatesOverTheLimitIsRefused() throws {
        // a sheet of 3,000 rows compresses to a few kilobytes and inflates past 100 kB
        let rows = (0..<3_000).map { F.row(F.structure, id: "mon-territoire--\($0)") }
        let workbook = try F.xlsx(rows)
        #expect(workbook.count < 200_000)
        let limits = ValidationLimits(maxBytes: 1_048_576, maxRows: 10_000, maxUncompressedBytes: 100_000)
        let report = try FileValidator(layout: TestDatabase.layout, limits: limits).validate([ValidationInput(name: "structures.xlsx", data: workbook)])
        #expect(report.problems.map(\.rule) == ["too_large"])
        #expect(report.problems.first?.message.contains("une fois décompressée") == true)
    }

    @Test func theV0ExamplesGetTheErrorsTheirREADMEList() throws {
        let validator = try FileValidator(layout: TestDatabase.layout, schema: .v0)
        let examples = TestDatabase.layout.root.appendingPathComponent("data/schema/v0/examples")
        let structure = validator.validate(paths: [examples.appendingPathComponent("structure-example.json").path])
        #expect(structure.files.first?.entity == .structures)
        #expect(FileValidatorTests.found(structure) == ["structures 1 date_maj date", "structures 1 labels_nationaux enum", "structures 1 labels_nationaux enum"])
        #expect(Set(structure.errors.compactMap(\.value)).isSuperset(of: ["MOBIN", "AFPA"]))
        let service = validator.validate(paths: [examples.appendingPathComponent("service-example.json").path])
        #expect(FileValidatorTests.found(service) == [
            "services 1 date_creation date", "services 1 date_maj date", "services 1 frais type", "services 1 justificatifs type",
            "services 1 modes_orientation_accompagnateur enum", "services 1 modes_orientation_beneficiaire enum", "services 1 pre_requis type",
        ])
        // the same records checked against v1 break v1's rules instead (v1 has no labels_nationaux)
        let asV1 = try FileValidator(layout: TestDatabase.layout).validate(paths: [examples.appendingPathComponent("structure-example.json").path])
        #expect(!asV1.errors.contains { $0.field == "labels_nationaux" })
    }
}

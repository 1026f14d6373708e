import Foundation
import Testing
@testable import WarehouseCore
import WarehouseDatabase
@testable import WarehouseLoaders
import WarehouseTestSupport

/// Broken or hostile snapshot files. A file that cannot be read as its
/// format fails its source, naming the file, the record and the byte or line
/// where reading stopped; a record that is damaged but well delimited is
/// rejected alone with the reason, and the good records of the file are kept.
@Suite struct BadInputLoaderTests {
    // MARK: helpers

    /// A snapshot folder holding one source folder with the given files.
    func snapshots(_ slug: String, _ files: [String: Data]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("bad-inputs-\(UUID().uuidString)")
        for (path, data) in files {
            let file = root.appendingPathComponent(slug).appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: file)
        }
        return root
    }

    func stream(_ slug: String, _ name: String) throws -> StreamDefinition {
        let source = try #require(SourceCatalog.source(slug))
        return try #require(source.streams.first { $0.name == name })
    }

    /// Reads the catalogued stream from a folder holding `data` at its path.
    func read(_ slug: String, _ name: String, _ data: Data) throws -> StreamSnapshot {
        let definition = try stream(slug, name)
        return try StreamReader.read(definition, in: try snapshots(slug, [definition.path: data]).appendingPathComponent(slug))
    }

    /// The error reading `data` as the stream throws, or nil.
    func failure(_ slug: String, _ name: String, _ data: Data, as definition: StreamDefinition? = nil) throws -> WarehouseError? {
        let definition = try definition ?? stream(slug, name)
        let folder = try snapshots(slug, [definition.path: data]).appendingPathComponent(slug)
        do {
            _ = try StreamReader.read(definition, in: folder)
            return nil
        } catch let error as WarehouseError {
            return error
        }
    }

    func demo(_ path: String) throws -> Data {
        try Data(contentsOf: TestDatabase.demoSnapshots.appendingPathComponent(path))
    }

    func json(_ text: String) -> Data { Data(text.utf8) }

    /// Where each occurrence of `needle` starts.
    func byteOffsets(of needle: String, in data: Data) -> [Int] {
        var offsets: [Int] = []
        var searched = data.startIndex..<data.endIndex
        while let found = data.range(of: Data(needle.utf8), in: searched) {
            offsets.append(found.lowerBound)
            searched = found.upperBound..<data.endIndex
        }
        return offsets
    }

    /// The number after "at line " in a message.
    func reportedLine(_ message: String) -> Int? {
        guard let range = message.range(of: "at line ") else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }

    // MARK: XML

    /// formations.xml without one end tag, and the line the tag was on.
    func formations(without endTag: String, after marker: String) throws -> (data: Data, line: Int) {
        var text = String(decoding: try demo("carif-oref/formations.xml"), as: UTF8.self)
        let start = try #require(text.range(of: marker)).upperBound
        let tag = try #require(text.range(of: endTag, range: start..<text.endIndex))
        let line = text[..<tag.lowerBound].filter { $0 == "\n" }.count + 1
        text.removeSubrange(tag)
        return (Data(text.utf8), line)
    }

    @Test(arguments: [
        ("</contact-formation>", "14_EX000002"), ("</formation>", "14_EX000001"), ("</numtel>", "14_EX000001"),
        ("</lieu-de-formation>", "14_EX000001"), ("</action>", "14_EX000003"), ("</offres>", "<lheo"),
    ])
    func xmlWithoutOneEndTagFailsAtTheLineOfTheFault(endTag: String, after marker: String) throws {
        let broken = try formations(without: endTag, after: marker)
        let error = try #require(try failure("carif-oref", "formations", broken.data))
        guard case let .unreadableFile(file, reason) = error else { Issue.record("\(error)"); return }
        #expect(file.hasSuffix("carif-oref/formations.xml"))
        #expect(reason.hasPrefix("not well-formed XML at line "))
        let line = try #require(reportedLine(reason), "\(reason)")
        #expect((broken.line...(broken.line + 1)).contains(line), "removed at line \(broken.line): \(reason)")
        #expect(reason.contains("<\(endTag.dropFirst(2))"), "\(reason)")
    }

    @Test func xmlWithoutAnEndTagNamesTheFormationAndTheElement() throws {
        let broken = try formations(without: "</contact-formation>", after: "14_EX000002")
        let error = try #require(try failure("carif-oref", "formations", broken.data))
        #expect(error.description.hasSuffix("""
            formations.xml: cannot be read: not well-formed XML at line 181, column 7: the end tag </contact-formation> \
            is missing before this line (<contact-formation> opened at line 178); the parser stopped at line 235, column 17, \
            on </formation>; in record 2 of formations.xml (the formation starting at line 169, numero 14_EX000002)
            """), "\(error)")
    }

    @Test(arguments: [0.25, 0.5, 0.75, 0.999])
    func xmlCutShortFailsWhereTheFileEnds(share: Double) throws {
        let whole = try demo("carif-oref/formations.xml")
        let cut = whole.prefix(Int(Double(whole.count) * share))
        // libxml2 reports the end of the last line with text.
        var text = String(decoding: cut, as: UTF8.self)
        while text.last?.isWhitespace == true { text.removeLast() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let error = try #require(try failure("carif-oref", "formations", Data(cut)))
        guard case let .unreadableFile(_, reason) = error else { Issue.record("\(error)"); return }
        #expect(reportedLine(reason) == lines, "\(reason)")
        #expect(reason.contains("the file is cut short"), "\(reason)")
    }

    @Test func xmlThatIsNotWellFormedNamesTheLineAndColumn() throws {
        var text = String(decoding: try demo("carif-oref/formations.xml"), as: UTF8.self)
        text = text.replacingOccurrences(of: "<nom>Accueil</nom>", with: "<nom>Accueil & orientation</nom>")
        let error = try #require(try failure("carif-oref", "formations", Data(text.utf8)))
        #expect(error.description.contains("not well-formed XML at line 18, column "), "\(error)")
        #expect(error.description.contains("record 1 of formations.xml"), "\(error)")
    }

    @Test func xmlNestedTenThousandLevelsFailsSayingTheLimit() throws {
        let deep = "<lheo><offres><formation numero=\"1\">" + String(repeating: "<a>", count: 10_000)
            + String(repeating: "</a>", count: 10_000) + "</formation></offres></lheo>"
        let error = try #require(try failure("carif-oref", "formations", Data(deep.utf8)))
        #expect(error.description.contains("elements nested more than 128 deep (the limit is 128 levels)"), "\(error)")
    }

    @Test func xmlOfAnotherVocabularyFails() throws {
        let error = try #require(try failure("carif-oref", "formations", Data("<html><body/></html>".utf8)))
        #expect(error.description.contains("expected an LHEO document (root element <lheo>), found <html>"), "\(error)")
    }

    // MARK: JSON

    @Test func jsonCutShortIsReportedAtTheByteWhereItEnds() throws {
        let cut = try demo("dora/services.json").prefix(1_868)
        let error = try #require(try failure("dora", "services", Data(cut)))
        guard case let .invalidJSON(file, offset, reason) = error else { Issue.record("\(error)"); return }
        #expect(file.hasSuffix("dora/services.json"))
        #expect((1_866...1_868).contains(offset), "\(error)")
        #expect(reason.contains("in record 1 of services.json"), "\(reason)")
        #expect(reason.contains("the file is cut short"), "\(reason)")
    }

    @Test(arguments: [
        (#"[{"id":"a"} {"id":"b"}]"#, 12), (#"[{"id":"a"},]"#, 12), (#"[{"id": "a",}]"#, 12),
        (#"[{"id":"a"}"#, 11), (#"[{"id": tru}]"#, 11), (#"[{"id":"a"}] x"#, 13), (#"{"id":"a"}"#, 0),
    ])
    func jsonSyntaxErrorsNameTheByteWhereReadingStopped(text: String, offset: Int) throws {
        let error = try #require(try failure("dora", "services", json(text)))
        guard case let .invalidJSON(_, reported, _) = error else { Issue.record("\(error)"); return }
        #expect(reported == offset, "\(error)")
    }

    /// Eight records, the fifth with a byte that is not UTF-8 in its name.
    @Test func invalidUTF8InAJSONStringRejectsOnlyItsRecord() throws {
        var data = Data("[\n".utf8)
        var badByte = 0
        for number in 1...8 {
            data += Data(#"  {"id": "s\#(number)", "nom": "Structure \#(number)"#.utf8)
            if number == 5 {
                badByte = data.count
                data += Data([0xC3, 0x28])
            }
            data += Data(number < 8 ? "\"},\n".utf8 : "\"}\n]\n".utf8)
        }
        let snapshot = try read("dora", "structures", data)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [1, 2, 3, 4, 6, 7, 8])
        #expect(snapshot.rejectedRecords.map(\.rejectReason) == [
            "record 5 of structures.json, field 'nom', byte \(badByte) (line 6, column 35): invalid UTF-8 (byte 0xC3)",
        ])
    }

    @Test func stringsPostgreSQLCannotStoreRejectOnlyTheirRecord() throws {
        var data = json(#"[{"id": "a", "x": "\u0000"}, {"id": "b", "x": "\ud800"}, {"id": "c", "x": "tab"#)
        data += json("\t" + #"here"}, "#)
        data += json(#"{"id": "d", "n": 1e999999}, {"id": "e", "x": "\ud83d\ude00 ok"}, {"id": "f", "x": "\q"}]"#)
        let snapshot = try read("dora", "services", data)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [5])
        let reasons = snapshot.rejectedRecords.compactMap(\.rejectReason)
        #expect(reasons.count == 5)
        #expect(reasons[0].hasSuffix("field 'x', byte 19 (line 1, column 20): the escape \\u0000, which PostgreSQL cannot store in text"))
        #expect(reasons[1].contains("a lone UTF-16 high surrogate (\\ud800)"))
        #expect(reasons[2].contains("a control character (0x09) inside a string"))
        #expect(reasons[3].contains("the number 1e999999 is beyond what PostgreSQL's numeric type holds"))
        #expect(reasons[4].contains("an invalid escape (a backslash followed by 'q')"))
    }

    @Test func jsonNestedTenThousandLevelsIsRejectedSayingTheLimit() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let snapshot = try read("dora", "services", json(#"[{"id": "a", "deep": \#(deep)}, {"id": "b"}]"#))
        #expect(snapshot.goodRecords.map(\.recordNumber) == [2])
        #expect(snapshot.rejectedRecords.first?.rejectReason == """
            record 1 of services.json, field 'deep', byte 148 (line 1, column 149): \
            nested more than 128 levels deep (the limit is 128 levels)
            """)
        let whole = try read("dora", "services", json(deep))
        #expect(whole.rejectedRecords.first?.rejectReason?.hasSuffix("nested more than 128 levels deep (the limit is 128 levels)") == true)
    }

    @Test func aFiftyMegabyteJSONStringIsRejectedSayingTheSizeLimit() throws {
        let size = 50 * 1_024 * 1_024
        var data = json(#"[{"id": "a", "description": ""#)
        data += Data(repeating: UInt8(ascii: "x"), count: size)
        data += json(#""}, {"id": "b"}]"#)
        let snapshot = try read("dora", "services", data)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [2])
        let rejected = try #require(snapshot.rejectedRecords.first)
        #expect(rejected.rejectReason == """
            record 1 of services.json, field 'description', byte 28 (line 1, column 29): \
            a string of \(size) bytes (the limit is 1 MiB (1048576 bytes) for one text value)
            """)
        // raw.rejects keeps the start of it, not 50 MB.
        #expect(rejected.payload.count < 1_048_576 + 100)
    }

    @Test func aFiftyMegabyteCSVCellIsRejectedSayingTheSizeLimit() throws {
        let size = 50 * 1_024 * 1_024
        var data = Data("id,nom,siret\n1,".utf8)
        data += Data(repeating: UInt8(ascii: "x"), count: size)
        data += Data(",123\n2,Bureau,456\n".utf8)
        let snapshot = try read("action-logement", "structures", data)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [2])
        #expect(snapshot.rejectedRecords.first?.rejectReason == """
            record 1 of structures.csv (line 2), field 'nom': a text of \(size) bytes \
            (the limit is 1 MiB (1048576 bytes) for one text value)
            """)
    }

    @Test func aByteOrderMarkIsIgnored() throws {
        let bom = Data([0xEF, 0xBB, 0xBF])
        let fromJSON = try read("dora", "services", bom + json(#"[{"id": "a", "nom": "Accueil"}]"#))
        #expect(fromJSON.goodRecords.count == 1)
        #expect(fromJSON.goodRecords.first.map { String(decoding: $0.payload, as: UTF8.self) } == #"{"id": "a", "nom": "Accueil"}"#)
        let fromCSV = try read("action-logement", "structures", bom + Data("id,nom\n1,Crèche\n".utf8))
        let record = try #require(fromCSV.goodRecords.first)
        let object = try #require(try JSONSerialization.jsonObject(with: record.payload) as? [String: String])
        #expect(object == ["id": "1", "nom": "Crèche"])
    }

    @Test func anEmptyArrayLoadsNoRecordWithoutError() throws {
        #expect(try read("dora", "services", json("[]")).records.isEmpty)
        #expect(try read("dora", "services", json(" [ ]\n")).records.isEmpty)
    }

    @Test(arguments: [("dora", "services"), ("action-logement", "structures"), ("carif-oref", "formations"), ("finess", "etablissements")])
    func anEmptyFileFailsSayingSo(slug: String, stream: String) throws {
        let error = try #require(try failure(slug, stream, Data()))
        #expect(error.description.hasSuffix(": cannot be read: empty file (0 bytes)"), "\(error)")
    }

    @Test func aFileHoldingOnlyWhiteSpaceFailsSayingItIsEmpty() throws {
        let error = try #require(try failure("dora", "services", json("\n  \n")))
        #expect(error.description.contains("empty file: it holds no JSON value, only white space"), "\(error)")
    }

    @Test func aFileOfAnotherSourceRejectsEveryRecordForItsMissingID() throws {
        let snapshot = try read("dora", "structures", try demo("soliguide/lieux.json"))
        #expect(snapshot.goodRecords.isEmpty)
        #expect(snapshot.rejectedRecords.count == 5)
        #expect(snapshot.rejectedRecords.allSatisfy { $0.rejectReason == "record has no 'id'" })
    }

    // MARK: CSV

    @Test func aCommaFileWhereSemicolonsAreExpectedFailsNamingTheDelimiter() throws {
        let semicolons = StreamDefinition(name: "structures", path: "structures.csv", format: .csv(delimiter: ";"))
        let error = try #require(try failure("action-logement", "structures", Data("id,nom,siret\n1,Bureau,123\n".utf8), as: semicolons))
        #expect(error.description.hasSuffix("structures.csv: cannot be read: the header looks ','-delimited, expected ';'"), "\(error)")
    }

    @Test func aCSVWithoutItsHeaderLineFails() throws {
        let error = try #require(try failure("action-logement", "structures", Data("1,Bureau,123\n2,Agence,456\n".utf8)))
        #expect(error.description.hasSuffix("""
            structures.csv: cannot be read: the header has no 'id' column (found: 1, Bureau, 123): \
            the header line is missing, or the file is of another stream
            """), "\(error)")
    }

    @Test func aCSVHeaderNamingAColumnTwiceFails() throws {
        let error = try #require(try failure("action-logement", "structures", Data("id,nom,nom\n1,a,b\n".utf8)))
        #expect(error.description.hasSuffix("the header names 'nom' twice (columns 2 and 3)"), "\(error)")
    }

    @Test func invalidUTF8InACSVLineRejectsOnlyThatLine() throws {
        var data = Data("id,nom\n1,Crèche\n2,Caf".utf8)
        let badByte = data.count
        data += Data([0xE9]) + Data("\n3,Épicerie\n".utf8)
        let snapshot = try read("action-logement", "structures", data)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [1, 3])
        #expect(snapshot.rejectedRecords.map(\.rejectReason) == [
            "record 2 of structures.csv (line 3), column 'nom', byte \(badByte): invalid UTF-8 (byte 0xE9)",
        ])
    }

    @Test func textAfterAClosingQuoteRejectsItsLine() throws {
        let snapshot = try read("action-logement", "structures", Data("id,nom\n1,\"Bureau\" Nord\n2,\"Agence, Sud\"\n".utf8))
        #expect(snapshot.goodRecords.map(\.recordNumber) == [2])
        #expect(snapshot.rejectedRecords.map(\.rejectReason) == [
            "record 1 of structures.csv (line 2), column 'nom', byte 17: text after the closing quote of a quoted cell",
        ])
    }

    @Test func aCSVCutInsideAQuotedCellFails() throws {
        let error = try #require(try failure("action-logement", "structures", Data("id,nom\n1,A\n2,\"Bureau\nNord".utf8)))
        #expect(error.description.hasSuffix("""
            structures.csv: cannot be read: not valid CSV at byte 25 (line 4, column 5): the file ends inside \
            the quoted cell opened at byte 13 (line 3): a closing quote is missing, or the file is cut short
            """), "\(error)")
    }

    /// The stricter reading rejects nothing of the good files.
    @Test func theDemoSnapshotsReadWithoutRejects() throws {
        for source in SourceCatalog.all {
            for stream in source.streams {
                let snapshot = try StreamReader.read(stream, in: TestDatabase.demoSnapshots.appendingPathComponent(source.slug))
                #expect(snapshot.rejectedRecords.isEmpty, "\(source.slug)/\(stream.name): \(snapshot.rejectedRecords.compactMap(\.rejectReason))")
                #expect(!snapshot.goodRecords.isEmpty, "\(source.slug)/\(stream.name)")
            }
        }
    }

    // MARK: duplicate ids

    @Test func duplicateIDsKeepTheFirstAndRejectTheOthersNamingIt() throws {
        let snapshot = try read("dora", "services", json("""
            [{"id": "a", "nom": "Premier"}, {"id": "a", "nom": "Autre"}, {"nom": "Premier", "id": "a"}, {"id": "b"}]
            """))
        #expect(snapshot.goodRecords.map(\.recordNumber) == [1, 3, 4])
        #expect(snapshot.rejectedRecords.map(\.rejectReason) == [
            """
            record 2 of services.json: duplicate 'id' 'a', with other content: record 1 of services.json \
            has the same id and is kept (the first occurrence is kept)
            """,
        ])
    }

    @Test func finessLinesOfAnotherKindMayShareTheirID() throws {
        let data = Data("""
            finess;etalab;96;2026-06-29
            structureet;350000001;;CMP A
            geolocalisation;350000001;351234.5;6789012.3
            structureet;350000001;;CMP B
            """.utf8)
        let snapshot = try read("finess", "etablissements", data)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [1, 2])
        #expect(snapshot.rejectedRecords.first?.rejectReason?.contains("duplicate 'nofinesset' '350000001' among 'structureet' lines") == true)
    }

    @Test func monenfantFilesMayRepeatACrecheButAFileMayNot() throws {
        let definition = try stream("monenfant", "creches")
        let folder = try snapshots("monenfant", [
            "creches/35047.json": json(#"[{"structureId": "c1", "distance": 1}]"#),
            "creches/35238.json": json(#"[{"structureId": "c1", "distance": 5}, {"structureId": "c2"}, {"structureId": "c2", "x": 1}]"#),
        ]).appendingPathComponent("monenfant")
        let snapshot = try StreamReader.read(definition, in: folder)
        #expect(snapshot.goodRecords.map(\.recordNumber) == [1, 2, 3])
        #expect(snapshot.rejectedRecords.first?.rejectReason?.hasPrefix("record 4 of creches/35238.json: duplicate 'structureId' 'c2'") == true)
    }

    // MARK: through the database

    @Test func invalidUTF8NeverReachesCopyAndTheOtherRecordsLoad() async throws {
        var data = try demo("dora/services.json")
        // Inside the third record's name.
        let badByte = try #require(byteOffsets(of: #""nom": ""#, in: data).dropFirst(2).first) + 8
        data.insert(0xFF, at: badByte)
        let folder = try snapshots("dora", ["structures.json": try demo("dora/structures.json"), "services.json": data])
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let results = try await Loading.loadAll(snapshotsDirectory: folder, runID: runID, database: database,
                                                    sources: [try #require(SourceCatalog.source("dora"))])
            let dora = try #require(results.first)
            #expect(dora.status == .succeeded, "\(dora.error ?? "")")
            #expect(dora.perStream["services"]?.loaded == 5)
            #expect(dora.perStream["services"]?.rejected == 1)
            let reasons = try await database.query("""
                select file_name || ' #' || record_number || ': ' || reason from raw.rejects where run_id = \(runID)
                """).map { try $0.decode(String.self) }
            #expect(reasons == ["services.json #3: record 3 of services.json, field 'nom', byte \(badByte) (line 91, column 13): invalid UTF-8 (byte 0xFF)"])
            #expect(try await database.scalarInt("select count(*) from raw.dora__services where run_id = \(runID)") == 5)
        }
    }

    @Test func conflictingDuplicatesLandInRawRejects() async throws {
        let services = json("""
            [{"id": "s1", "structure_id": "x", "nom": "Premier"}, {"id": "s1", "structure_id": "x", "nom": "Autre"}]
            """)
        let folder = try snapshots("dora", ["structures.json": try demo("dora/structures.json"), "services.json": services])
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            _ = try await Loading.loadAll(snapshotsDirectory: folder, runID: runID, database: database,
                                          sources: [try #require(SourceCatalog.source("dora"))])
            let kept = try await database.query("select data->>'nom' from raw.dora__services where run_id = \(runID)")
                .map { try $0.decode(String.self) }
            #expect(kept == ["Premier"])
            let reason = try await database.query("select reason from raw.rejects where run_id = \(runID) and record_number = 2")
                .map { try $0.decode(String.self) }
            #expect(reason.first?.contains("duplicate 'id' 's1'") == true)
            #expect(reason.first?.contains("record 1 of services.json has the same id and is kept") == true)
        }
    }

    @Test func aBrokenXMLFileFailsItsSourceWithTheLine() async throws {
        let broken = try formations(without: "</contact-formation>", after: "14_EX000002")
        let folder = try snapshots("carif-oref", ["formations.xml": broken.data])
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let results = try await Loading.loadAll(snapshotsDirectory: folder, runID: runID, database: database,
                                                    sources: [try #require(SourceCatalog.source("carif-oref"))])
            let carif = try #require(results.first)
            #expect(carif.status == .failed)
            #expect(carif.rowsLoaded == 0)
            #expect(carif.error?.contains("formations.xml: cannot be read: not well-formed XML at line 181, column 7") == true, "\(carif.error ?? "")")
            #expect(try await database.scalarInt("select count(*) from raw.carif_oref__formations") == 0)
        }
    }
}

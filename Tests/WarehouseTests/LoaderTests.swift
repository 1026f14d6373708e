import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseLoaders
import WarehouseTestSupport

@Suite struct LoaderTests {
    func counts(_ database: Database, _ table: String) async throws -> Int {
        try await database.scalarInt("select count(*) from raw.\(table)")
    }

    @Test func loadsEveryRecordOfTheDemoSnapshotsWithLineage() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let results = try await Loading.loadAll(snapshotsDirectory: TestDatabase.demoSnapshots, runID: runID, database: database)
            #expect(results.count == SourceCatalog.all.count)
            #expect(results.allSatisfy { $0.status == .succeeded })
            #expect(try await counts(database, "dora__structures__current") == 4)
            #expect(try await counts(database, "dora__services__current") == 6)
            #expect(try await counts(database, "emplois_de_linclusion__organisations__current") == 4)
            #expect(try await counts(database, "emplois_de_linclusion__siaes__current") == 4)
            #expect(try await counts(database, "mediation_numerique__structures__current") == 5)
            let lineage = try await database.scalarInt("""
                select count(*) from raw.dora__services
                where run_id = \(runID) and file_name = 'services.json' and length(file_sha256) = 64 and record_number between 1 and 6
                """)
            #expect(lineage == 6)
        }
    }

    @Test func loadingTheSameRunTwiceKeepsOneCopy() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            for _ in 0..<2 {
                _ = try await Loading.loadAll(snapshotsDirectory: TestDatabase.demoSnapshots, runID: runID, database: database)
            }
            #expect(try await counts(database, "dora__services") == 6)
        }
    }

    @Test func aBrokenFileFailsItsSourceOnlyAndKeepsThePreviousLoad() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let registry = RunRegistry(database)
            let first = try await registry.begin(command: "test")
            _ = try await Loading.loadAll(snapshotsDirectory: TestDatabase.demoSnapshots, runID: first, database: database)

            let broken = try SnapshotFolders.copyOfDemo()
            try SnapshotFolders.write(#"[{"id": "x", "nom": "ok"}, {"id": "y", "#, to: "dora/services.json", in: broken)
            // Three of the five records it had: not a shrink the guard holds back.
            try SnapshotFolders.write(#"[{"id": "n1", "nom": "nouveau"}, {"id": "n2", "nom": "autre"}, {"id": "n3", "nom": "encore"}]"#,
                                      to: "mediation-numerique/structures.json", in: broken)
            let second = try await registry.begin(command: "test")
            let results = try await Loading.loadAll(snapshotsDirectory: broken, runID: second, database: database)

            let dora = try #require(results.first { $0.source == "dora" })
            #expect(dora.status == .failed)
            #expect(dora.error?.contains("dora/services.json") == true)
            #expect(dora.error?.contains("at byte") == true)
            #expect(results.first { $0.source == "mediation-numerique" }?.status == .succeeded)
            // dora's previous load, both streams, is still what the models read.
            #expect(try await counts(database, "dora__structures__current") == 4)
            #expect(try await counts(database, "dora__services__current") == 6)
            #expect(try await counts(database, "mediation_numerique__structures__current") == 3)
        }
    }

    @Test func recordsWithoutIdOrNotObjectsAreKeptAsRejects() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let folder = try SnapshotFolders.copyOfDemo()
            try SnapshotFolders.write(#"[{"id": "a", "nom": "A"}, "oops", {"nom": "sans id"}, {"id": "b", "nom": "B\ttab"}]"#,
                                      to: "emplois-de-linclusion/siaes.json", in: folder)
            let runID = try await RunRegistry(database).begin(command: "test")
            let results = try await Loading.loadAll(snapshotsDirectory: folder, runID: runID, database: database)
            let emplois = try #require(results.first { $0.source == "emplois-de-linclusion" })
            #expect(emplois.status == .succeeded)
            #expect(emplois.perStream["siaes"]?.loaded == 2)
            #expect(emplois.perStream["siaes"]?.rejected == 2)
            let reasons = try await database.query("select reason from raw.rejects where run_id = \(runID) order by record_number")
                .map { try $0.decode(String.self) }
            #expect(reasons == ["record is not a JSON object", "record has no 'id'"])
            let kept = try await database.scalarInt("select count(*) from raw.emplois_de_linclusion__siaes where data->>'nom' = E'B\\ttab'")
            #expect(kept == 1)
        }
    }
}

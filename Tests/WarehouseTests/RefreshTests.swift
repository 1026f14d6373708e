import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

@Suite struct RefreshTests {

    @Test func theDemoSnapshotsGiveTheRowsEachSourceFileAnnounces() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            try await context.withDatabase { database throws in
                let structures = "select count(*) from marts.structures where source = "
                let services = "select count(*) from marts.services where source = "
                // dora §7: 4 structures, 4 services (a duplicate and an orphan dropped).
                #expect(try await database.scalarInt(structures + "'dora'") == 4)
                #expect(try await database.scalarInt(services + "'dora'") == 4)
                // emplois: 4 organisations + 4 SIAE, structures only.
                #expect(try await database.scalarInt(structures + "'emplois-de-linclusion'") == 8)
                #expect(try await database.scalarInt(services + "'emplois-de-linclusion'") == 0)
                // mediation-numerique: the row declared by dora is excluded, the null-source one kept.
                #expect(try await database.scalarInt(structures + "'mediation-numerique'") == 4)
                #expect(try await database.scalarInt(services + "'mediation-numerique'") == 4)
                #expect(try await database.scalarInt("select count(*) from marts.services s left join marts.structures t on t.id = s.structure_id where t.id is null") == 0)
                // every structure has a cluster (its own when it has no duplicate), listed in dedup.clusters
                #expect(try await database.scalarInt("""
                    select count(*) from marts.structures as structures
                    left join dedup.clusters as clusters on clusters.cluster_id = structures.cluster_id
                    where clusters.cluster_id is null
                    """) == 0)
                #expect(try await database.scalarInt("select count(*) from marts.structures where _is_valid") > 0)
            }
        }
    }

    @Test func publishingKeepsTheIdentityOfThePublishedViews() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let oids = { try await context.withDatabase { database throws in
                try await database.query("""
                    select c.relname, c.oid::bigint from pg_class c where c.relnamespace = 'marts'::regnamespace order by 1
                    """).map { try $0.decode((String, Int64).self) }.map { "\($0.0)=\($0.1)" }
            } }
            let before = try await oids()
            let second = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots, progress: .silent)
            let after = try await oids()
            #expect(before == after)
            #expect(!before.isEmpty)
            try await context.withDatabase { database throws in
                let current = try await database.query("select schema_name from ops.current_version").first?.decode(String.self)
                #expect(current == "marts_v\(second.publishedVersion ?? -1)")
            }
        }
    }

    @Test func aFailedSourceKeepsItsPreviousDataInTheNextPublication() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let broken = try SnapshotFolders.copyOfDemo()
            try SnapshotFolders.write("[{\"id\": ", to: "dora/structures.json", in: broken)
            try FileManager.default.removeItem(at: broken.appendingPathComponent("emplois-de-linclusion"))
            let report = try await Refresh.run(context: context, snapshots: broken, progress: .silent)
            #expect(report.status == "partial")
            #expect(report.failedSources == ["dora"])
            #expect(report.sources.first { $0.source == "emplois-de-linclusion" }?.status == .skipped)
            try await context.withDatabase { database throws in
                #expect(try await database.scalarInt("select count(*) from marts.structures where source = 'dora'") == 4)
                #expect(try await database.scalarInt("select count(*) from marts.structures where source = 'emplois-de-linclusion'") == 8)
                #expect(try await database.scalarInt("select count(*) from ops.source_loads where run_id = \(report.runID) and status = 'failed'") == 1)
            }
        }
    }

    @Test func exportsWriteV1FieldsOnlyUnlessAskedForInternals() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try await context.withDatabase { database throws in
                let jsonl = folder.appendingPathComponent("services.jsonl")
                let services = try await database.scalarInt("select count(*) from marts.services")
                #expect(services > 0)
                #expect(try await Exporter.export(.services, format: .jsonl, to: jsonl, withInternal: false, database: database) == services)
                let first = try String(contentsOf: jsonl, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
                let object = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any] ?? [:]
                #expect(Set(object.keys) == Set(V1Fields.service))

                let csv = folder.appendingPathComponent("structures.csv")
                let structures = try await database.scalarInt("select count(*) from marts.structures")
                #expect(try await Exporter.export(.structures, format: .csv, to: csv, withInternal: true, database: database) == structures)
                let lines = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                #expect(lines.count >= structures + 1)
                let header = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").first ?? ""
                #expect(header.hasPrefix("source,id,nom,date_maj"))
                #expect(header.contains("_is_valid"))
            }
        }
    }
}

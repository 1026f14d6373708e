import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseLoaders
import WarehousePipeline
import WarehouseTestSupport

/// A source never silently shrinks, one source's fault stays its own, and
/// two runs never collide: what a refresh does with bad loads and with
/// another run under way.
@Suite struct RefreshSafetyTests {
    static let doraStructures = "select count(*) from marts.structures where source = 'dora'"

    @Test func anEmptyArrayIsHeldBackAndTheSourceKeepsItsPreviousData() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let folder = try SnapshotFolders.copyOfDemo()
            try SnapshotFolders.write("[]", to: "dora/structures.json", in: folder)
            let report = try await Refresh.run(context: context, snapshots: folder, progress: .silent)
            #expect(report.heldSources == ["dora"])
            #expect(report.status == "partial")
            #expect(report.needsAttention)
            #expect(report.publishedVersion != nil)
            let held = try #require(report.sources.first { $0.source == "dora" })
            #expect(held.error?.contains("structures has 0 records where the last good load") == true)
            #expect(held.error?.contains("--accept-shrink dora") == true)
            try await context.withDatabase { database throws in
                #expect(try await database.scalarInt(Self.doraStructures) == 4)
                #expect(try await database.scalarInt(
                    "select count(*) from ops.source_loads where source = 'dora' and status = 'held'") == 1)
            }
            // The operator takes it: dora's structures are gone from the marts.
            let accepted = try await Refresh.run(
                context: context, snapshots: folder,
                options: .init(loadPolicy: LoadPolicy(acceptedShrinks: ["dora"])), progress: .silent)
            #expect(accepted.heldSources.isEmpty)
            try await context.withDatabase { database throws in
                #expect(try await database.scalarInt(Self.doraStructures) == 0)
            }
        }
    }

    @Test func aFileWhoseEveryRecordIsRejectedIsHeldBack() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let folder = try SnapshotFolders.copyOfDemo()
            let stream = try #require(SourceCatalog.all.first { $0.slug == "emplois-de-linclusion" }?.streams.first)
            // Records without their id are rejected one by one: none is kept.
            try SnapshotFolders.write(#"[{"nom": "sans id"}, {"nom": "toujours sans id"}]"#,
                                      to: "emplois-de-linclusion/\(stream.path)", in: folder)
            let report = try await Refresh.run(context: context, snapshots: folder, progress: .silent)
            #expect(report.heldSources == ["emplois-de-linclusion"])
            try await context.withDatabase { database throws in
                #expect(try await database.scalarInt(
                    "select count(*) from marts.structures where source = 'emplois-de-linclusion'") == 8)
                #expect(try await database.scalarInt(
                    "select count(*) from raw.rejects where source = 'emplois-de-linclusion' and run_id = \(report.runID)") == 2)
            }
        }
    }

    @Test func aSmallShrinkPassesAndTheThresholdIsTheOperators() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let folder = try SnapshotFolders.copyOfDemo()
            let file = folder.appendingPathComponent("dora/structures.json")
            var records = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [Any])
            records.removeLast()
            try JSONSerialization.data(withJSONObject: records).write(to: file)
            let kept = try await Refresh.run(context: context, snapshots: folder, progress: .silent)
            #expect(kept.heldSources.isEmpty)
            records.removeLast(records.count - 1)
            try JSONSerialization.data(withJSONObject: records).write(to: file)
            let strict = try await Refresh.run(context: context, snapshots: folder,
                                               options: .init(loadPolicy: LoadPolicy(minimumShare: 0.9)), progress: .silent)
            #expect(strict.heldSources == ["dora"])
        }
    }

    @Test func aSourceWhoseOwnRowsFailErrorTestsIsQuarantinedAndTheOthersPublish() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            // A duplicate id the loader did not see: written into dora's
            // current raw records, then a refresh that does not reload dora.
            try await context.withDatabase { database throws in
                try await database.execute("""
                    insert into raw.dora__services (run_id, file_name, file_sha256, record_number, data)
                    select run_id, file_name, file_sha256, 1000, data || '{"nom": "Autre contenu"}'
                    from raw.dora__services__current order by record_number limit 1
                    """)
            }
            let folder = try SnapshotFolders.copyOfDemo()
            try FileManager.default.removeItem(at: folder.appendingPathComponent("dora"))
            let file = folder.appendingPathComponent("mediation-numerique/structures.json")
            var records = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [[String: Any]])
            records[0]["nom"] = "Nom changé par la source"
            try JSONSerialization.data(withJSONObject: records).write(to: file)

            let report = try await Refresh.run(context: context, snapshots: folder, progress: .silent)
            #expect(report.failure == nil)
            #expect(report.status == "partial")
            #expect(report.quarantined.map(\.source) == ["dora"])
            let entry = try #require(report.quarantined.first)
            #expect(entry.failingTests.contains("unique__stg_dora__services__id"))
            #expect(entry.rowsCarried["services"] == 4)
            try await context.withDatabase { database throws in
                #expect(try await database.scalarInt("select count(*) from marts.services where source = 'dora'") == 4)
                #expect(try await database.scalarInt(
                    "select count(*) from marts.structures where nom = 'Nom changé par la source'") == 1)
                #expect(try await database.scalarInt(
                    "select count(*) from ops.quarantined_sources where run_id = \(report.runID) and source = 'dora'") == 1)
                #expect(try await database.scalarInt(
                    "select count(*) from ops.test_failures where run_id = \(report.runID) and test_name = 'unique__stg_dora__services__id'") == 1)
            }
        }
    }

    @Test func failuresOfSeveralSourcesInOneTestBlockPublishing() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            try await context.withDatabase { database throws in
                // Other content under the same id: staging keeps exact copies apart only.
                for table in ["dora__services", "agefiph__services"] {
                    try await database.execute("""
                        insert into raw.\(table) (run_id, file_name, file_sha256, record_number, data)
                        select run_id, file_name, file_sha256, 1000, data || '{"nom": "Autre contenu"}'
                        from raw.\(table)__current order by record_number limit 1
                        """)
                }
            }
            let before = try await context.withDatabase { try await $0.scalarInt("select version from ops.current_version") }
            let folder = try SnapshotFolders.copyOfDemo()
            for source in ["dora", "agefiph"] {
                try FileManager.default.removeItem(at: folder.appendingPathComponent(source))
            }
            let report = try await Refresh.run(context: context, snapshots: folder, progress: .silent)
            // Each source fails its own staging test, but the union's unique
            // test holds rows of both: no single source is to blame.
            #expect(report.publishedVersion == nil)
            #expect(report.quarantined.isEmpty)
            #expect(report.status == "failed")
            let after = try await context.withDatabase { try await $0.scalarInt("select version from ops.current_version") }
            #expect(after == before)
        }
    }

    @Test func aSecondRunWaitsOrRefusesNamingTheRunUnderWay() async throws {
        try await TestDatabase.withFreshContext { context in
            try await context.withDatabase { database throws in
                try await RunLock.holding(database, wait: false, onWait: { _ in }) { pid in
                    let runID = try await RunRegistry(database).begin(command: "refresh", lockBackendPID: pid)
                    do {
                        _ = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots,
                                                  options: .init(waitForLock: false), progress: .silent)
                        Issue.record("a second refresh ran while the lock was held")
                    } catch let error as WarehouseError {
                        #expect(error.description.contains("run \(runID) (refresh"))
                    }
                    // The holder is alive: the sweep of every command leaves it running.
                    #expect(try await RunRegistry(database).markAbandonedRuns().isEmpty)
                }
            }
        }
    }

    @Test func aRunWhoseProcessDiedIsAbandonedAndItsBuildDropped() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            try await context.withDatabase { database throws in
                // A backend pid that holds no lock: the process that ran it is gone.
                let runID = try await RunRegistry(database).begin(command: "refresh", lockBackendPID: 1)
                let build = try await Publisher(database).createBuildVersion(runID: runID)
                try await database.execute("create table \(build.schema).structures as select * from marts.structures")
                try await database.execute("create schema marts_v999")
            }
            _ = try await Operations.load(context: context, snapshots: TestDatabase.demoSnapshots, progress: .silent)
            try await context.withDatabase { database throws in
                #expect(try await database.scalarInt("select count(*) from ops.runs where status = 'running'") == 0)
                #expect(try await database.scalarInt("select count(*) from ops.runs where status = 'abandoned'") == 1)
                // Only the published versions' schemas remain.
                #expect(try await database.scalarInt("""
                    select count(*) from pg_namespace as n where n.nspname ~ '^marts_v[1-9][0-9]*$'
                      and n.nspname not in (select schema_name from ops.published_versions where published_at is not null)
                    """) == 0)
            }
        }
    }
}

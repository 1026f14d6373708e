import Foundation
import Testing
@testable import WarehouseFetch
import WarehouseCore
import WarehousePipeline
import WarehouseTestSupport

/// Every source fetched from stub producers that page, authenticate and
/// answer as the real ones, serving the demo snapshots.
@Suite struct FetchTests {
    /// Streams whose archive is one body as served (not pages joined).
    static let singleBodies = ["mediation-numerique/structures.json", "fredo/structures.json", "france-travail/agences.json",
                               "france-travail/services.csv", "action-logement/structures.csv", "action-logement/services.csv",
                               "finess/etablissements.csv", "reseau-alpha/cartographie.json"]
    static let drops = ["monenfant/creches/35047.json", "monenfant/creches/35238.json", "carif-oref/formations.xml",
                        "mes-aides/aides.csv", "mes-aides/garages.csv"]

    @Test func everySourceIsArchivedExactlyAsServed() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make()
        defer { StubArchive.remove(archive) }
        let report = try await stubs.serve { base in
            try await FetchRun.run(try FetchConfiguration.forStubs(at: base), request: .init(archive: archive), credentials: stubCredentials)
        }
        #expect(report.sources.map(\.source) == SourceCatalog.all.map(\.slug))
        for source in report.sources { #expect(source.status == .ok, "\(source.source): \(source.reason ?? "")") }
        let folder = report.folder
        let content = StubContent()
        func archived(_ path: String) -> Data { (try? Data(contentsOf: folder.appendingPathComponent(path))) ?? Data() }
        for path in Self.singleBodies + Self.drops {
            #expect(archived(path) == content.file(path), "\(path) differs from what was served")
        }
        // paginated APIs: the items of every page, each item's bytes as served, in order
        for path in ["dora/structures.json", "dora/services.json", "emplois-de-linclusion/organisations.json",
                     "emplois-de-linclusion/siaes.json", "soliguide/lieux.json", "agefiph/structures.json",
                     "agefiph/services.json", "cd35/organisations.json"] {
            #expect(archived(path) == StubContent.archived(content.items(path)), "\(path) is not the served items joined")
            #expect(content.items(path).count > 2, "\(path) fits in one page: paging untested")
        }
        let boussole = ["15", "53", "127"].flatMap(content.boussoleItems(type:))
        #expect(archived("ma-boussole-aidants/structures.json") == StubContent.archived(boussole))
        #expect(boussole.count == content.items("ma-boussole-aidants/structures.json").count)
        for id in ["3101", "3102", "3103"] {
            let path = "reseau-alpha/structures/\(id).html"
            #expect(archived(path) == content.file(path))
        }
        // _fetch.json: when, from where, bytes and sha256 of each file
        let record = try #require(archive.record(of: "dora", in: report.fetchID))
        #expect(record.source == "dora")
        #expect(ISO8601DateFormatter().date(from: record.fetchedAt) != nil)
        #expect(record.origin.hasSuffix("/dora/api/v2/structures/?page_size=2"))
        for file in record.files {
            let data = archived("dora/\(file.path)")
            #expect(file.bytes == data.count)
            #expect(file.sha256 == BodyCheck.sha256(data))
        }
        #expect(archive.latestGood().count == SourceCatalog.all.count)
        // credentials went in headers, as each producer wants them
        let dora = await stubs.behaviour.requests(on: "dora/structures")
        #expect(dora.count == 2 && dora.allSatisfy { $0.authorization == "Token dora-secret" })
        #expect(await stubs.behaviour.requests(on: "soliguide/lieux").first?.authorization == "JWT soliguide-secret")
        let features = content.items("cd35/organisations.json").count
        #expect(await stubs.behaviour.requests(on: "cd35/organisations").count == (features + 1) / 2)
    }

    /// `warehouse refresh --fetch` (the command, as an operator runs it) fetches every source from the
    /// stubs and refreshes the new folder: the marts are those of the demo snapshots.
    @Test func refreshFetchGivesTheDemoMarts() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make()
        defer { StubArchive.remove(archive) }
        let fingerprint = { @Sendable (context: WarehouseContext) async throws -> [String] in
            try await context.withDatabase { database in
                var lines: [String] = []
                // every column of every published row, not only their ids
                for relation in ["marts.structures", "marts.services", "marts.validation_errors"] {
                    lines += try await database.rows("""
                        select to_jsonb(published)::text from \(relation) as published order by to_jsonb(published)::text
                        """).map { try $0.decode(String.self) }
                }
                return lines
            }
        }
        let demo = try await TestDatabase.withFreshContext(from: .refreshedDemo) { try await fingerprint($0) }
        let fetched = try await TestDatabase.withFreshContext(from: .empty) { context in
            let configFile = archive.root.appendingPathComponent("sources.yml")
            let run = try await stubs.serve { base in
                try FetchCommandTests.stubConfiguration(base).write(to: configFile, atomically: true, encoding: .utf8)
                return try await FetchCommandTests.warehouse(
                    ["refresh", "--fetch", "--sources-config", configFile.path, "--archive", archive.root.path,
                     "--database-url", context.databaseURL.connectionString], environment: StubProducers.tokens)
            }
            #expect(run.status == 0, "\(run.output)")
            #expect(run.output.contains("15 of 15 sources fetched; 0 failed"), "\(run.output)")
            // the loaders read each source's _fetch.json
            let dated = try await context.withDatabase { database in
                try await database.scalarInt("select count(distinct source) from ops.source_loads where fetched_at is not null")
            }
            #expect(dated == SourceCatalog.all.count)
            return try await fingerprint(context)
        }
        #expect(demo.count > 50)
        #expect(fetched == demo)
        // the refresh read the fetch folder: its sources carry the fetch's date
        let fetchID = try #require(archive.fetchIDs().last)
        #expect(archive.record(of: "dora", in: fetchID) != nil)
    }
}

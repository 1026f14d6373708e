import Foundation
import Testing
import WarehouseCore
@testable import WarehouseFetch
import WarehouseTestSupport

/// `warehouse fetch` as an operator runs it: the project's config/sources.yml
/// with the producers' hosts pointed at the stubs, credentials in the environment.
@Suite struct FetchCommandTests {
    /// config/sources.yml with each producer's host replaced by its stub.
    static func stubConfiguration(_ stub: URL) throws -> String {
        let text = try String(contentsOf: TestDatabase.layout.root.appendingPathComponent("config/sources.yml"), encoding: .utf8)
        let hosts = ["https://api.dora.inclusion.beta.gouv.fr": "dora", "https://emplois.inclusion.beta.gouv.fr": "emplois-de-linclusion",
                     "https://api.soliguide.fr": "soliguide", "https://api.inclusion-numerique.anct.gouv.fr": "mediation-numerique",
                     "https://api.francetravail.io": "france-travail", "https://entreprise.francetravail.fr": "france-travail",
                     "https://grist.numerique.gouv.fr": "grist", "https://www.agefiph.fr": "agefiph",
                     "https://<arcgis-host-of-ille-et-vilaine>": "cd35", "https://api.fredo.re": "fredo",
                     "https://solutionsv2-back.maboussoleaidants.fr": "ma-boussole-aidants",
                     "https://www.reseau-alpha.org": "reseau-alpha", "https://www.data.gouv.fr": "finess"]
        var result = text.replacingOccurrences(of: "<france-travail-grist-document>", with: "ftdoc")
            .replacingOccurrences(of: "<action-logement-grist-document>", with: "aldoc")
        for (host, prefix) in hosts { result = result.replacingOccurrences(of: host, with: "\(stub.absoluteString)/\(prefix)") }
        return result
    }

    /// Runs the built executable without blocking a thread of the stubs' server.
    static func warehouse(_ arguments: [String], environment: [String: String]) async throws -> (status: Int32, output: String) {
        let binary = try #require(InstalledBinaryTests.builtBinary, "build the executable first: swift build --build-tests")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-command-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = TestDatabase.layout.root
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try handle.close()
        return (status, try String(contentsOf: log, encoding: .utf8))
    }

    @Test func fetchArchivesEverySourcePrintsItsSummaryAndPrunes() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make()
        defer { StubArchive.remove(archive) }
        let configFile = archive.root.appendingPathComponent("sources.yml")
        try await stubs.serve { base in
            try Self.stubConfiguration(base).write(to: configFile, atomically: true, encoding: .utf8)
            let first = try await Self.warehouse(["fetch", "--sources-config", configFile.path, "--archive", archive.root.path],
                                                 environment: StubProducers.tokens)
            print(first.output)
            #expect(first.status == 0, "\(first.output)")
            #expect(first.output.contains("15 of 15 sources fetched; 0 failed"))
            for source in SourceCatalog.all {
                #expect(first.output.split(separator: "\n").contains { $0.hasPrefix(source.slug + " ") && $0.contains(" ok ") },
                        "no summary line for \(source.slug)")
            }
            for secret in StubProducers.tokens.values { #expect(!first.output.contains(secret)) }

            // without its token, dora fails alone and the command says so
            var environment = StubProducers.tokens
            environment["DORA_API_TOKEN"] = ""
            let second = try await Self.warehouse(["fetch", "dora", "fredo", "--sources-config", configFile.path, "--archive", archive.root.path],
                                                  environment: environment)
            #expect(second.status != 0)
            #expect(second.output.contains("DORA_API_TOKEN is not set"))
            #expect(second.output.contains("1 of 2 sources fetched; 1 failed"))
            let resumed = try await Self.warehouse(["fetch", "--resume", "--sources-config", configFile.path, "--archive", archive.root.path],
                                                   environment: StubProducers.tokens)
            #expect(resumed.status == 0, "\(resumed.output)")
            // the resumed fetch did not have the other thirteen sources: it fetches them too, not fredo again
            #expect(resumed.output.contains("already fetched in") && resumed.output.contains("fredo"))

            // warehouse sources: each source's fetch mode and latest good fetch
            let latest = try #require(archive.latestGood()["dora"])
            let sources = try await TestDatabase.withFreshContext(from: .empty) { context in
                try await Self.warehouse(["sources", "--sources-config", configFile.path, "--archive", archive.root.path,
                                          "--database-url", context.databaseURL.connectionString], environment: [:])
            }
            #expect(sources.status == 0, "\(sources.output)")
            #expect(sources.output.contains("fetch: drf; last fetch: \(latest), 10 records"), "\(sources.output)")
            #expect(sources.output.contains("fetch: oauth2 + csv; last fetch: "))
            #expect(sources.output.contains("fetch: file-drop; last fetch: "))

            let prune = try await Self.warehouse(["fetch", "--prune", "--keep-last", "1", "--sources-config", configFile.path,
                                                  "--archive", archive.root.path], environment: [:])
            #expect(prune.status == 0, "\(prune.output)")
            #expect(archive.fetchIDs().count == 1, "\(prune.output)")
        }
    }
}

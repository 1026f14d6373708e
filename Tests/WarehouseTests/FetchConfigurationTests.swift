import Foundation
import Testing
@testable import WarehouseFetch
import WarehouseCore
import WarehouseTestSupport

/// config/sources.yml, the retry policy, body checks and retention, without a server.
@Suite struct FetchConfigurationTests {
    @Test func theProjectConfigurationCoversEverySourceWithoutSecrets() throws {
        let file = TestDatabase.layout.root.appendingPathComponent("config/sources.yml")
        let configuration = try FetchConfiguration.load(from: file)
        #expect(configuration.sources.map(\.slug) == SourceCatalog.all.map(\.slug))
        for source in configuration.sources {
            // every stream the loaders read is fetched or dropped
            #expect(Set(source.streams.map(\.name)) == Set(source.definition.streams.map(\.name)), "\(source.slug)")
        }
        #expect(configuration.source("dora")?.modeDescription == "drf")
        #expect(configuration.source("france-travail")?.modeDescription == "oauth2 + csv")
        #expect(configuration.source("monenfant")?.isFileDrop == true)
        #expect(configuration.source("carif-oref")?.isFileDrop == true)
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.lowercased().contains("password"))
        let variables = configuration.sources.flatMap { $0.streams.flatMap { $0.auth?.environmentVariables ?? [] } }
        #expect(Set(variables).isSuperset(of: ["DORA_API_TOKEN", "SOLIGUIDE_API_TOKEN", "FRANCE_TRAVAIL_CLIENT_SECRET", "GRIST_API_TOKEN"]))
    }

    @Test func configurationErrorsNameThePlace() {
        let cases: [(String, String)] = [
            ("sources: {nowhere: {streams: [{name: x, mode: body, path: /}]}}", "sources.nowhere: no such source"),
            ("sources: {dora: {streams: [{name: lieux, mode: drf, path: /}]}}", "sources.dora.streams.lieux: dora has no stream 'lieux'"),
            ("sources: {dora: {streams: [{name: structures, mode: drf}]}}", "sources.dora.streams.structures: 'path' is required"),
            ("sources: {dora: {streams: [{name: structures, mode: telepathy, path: /}]}}", "telepathy"),
        ]
        for (yaml, expected) in cases {
            #expect {
                _ = try FetchConfiguration.parse(yaml, file: "test.yml")
            } throws: { error in
                "\(error)".contains(expected) && "\(error)".hasPrefix("test.yml")
            }
        }
    }

    @Test func settingsMergeDefaultsWithTheSource() throws {
        let configuration = try FetchConfiguration.parse("""
            defaults: {retries: 7, page_size: 500}
            sources:
              soliguide:
                settings: {page_size: 50000, pause_seconds: 10}
                streams: [{name: lieux, mode: search-post, path: /new-search}]
            """, file: "test.yml")
        let settings = try #require(configuration.source("soliguide")?.settings)
        #expect(settings.retries == 7)
        #expect(settings.pageSize == 50000)
        #expect(settings.pauseSeconds == 10)
        #expect(configuration.source("soliguide")?.streams.first?.method == "POST")
    }

    @Test func backOffGrowsWithJitterAndRetryAfterIsHonoured() {
        var settings = FetchSettings()
        settings.retries = 4
        settings.backoffSeconds = 2
        settings.maxBackoffSeconds = 10
        settings.maxRetryAfterSeconds = 60
        let policy = RetryPolicy(settings: settings)
        for _ in 0..<50 {
            #expect((1...2).contains(policy.delay(beforeRetry: 1, retryAfter: nil)!))
            #expect((2...4).contains(policy.delay(beforeRetry: 2, retryAfter: nil)!))
            #expect((5...10).contains(policy.delay(beforeRetry: 4, retryAfter: nil)!))
        }
        let delays = Set((0..<20).map { _ in policy.delay(beforeRetry: 3, retryAfter: nil)! })
        #expect(delays.count > 1, "no jitter")
        #expect(policy.delay(beforeRetry: 5, retryAfter: nil) == nil)
        #expect(policy.delay(beforeRetry: 1, retryAfter: 30) == 30)
        #expect(policy.delay(beforeRetry: 1, retryAfter: 3600) == nil)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(RetryPolicy.retryAfterSeconds("120") == 120)
        #expect(RetryPolicy.retryAfterSeconds("Fri, 15 Jan 2027 08:00:20 GMT", now: Date(timeIntervalSince1970: 1_800_000_000)) != nil)
        let date = DateFormatter()
        date.locale = Locale(identifier: "en_US_POSIX")
        date.timeZone = TimeZone(identifier: "GMT")
        date.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        #expect(RetryPolicy.retryAfterSeconds(date.string(from: now.addingTimeInterval(90)), now: now) == 90)
        #expect(RetryPolicy.retryAfterSeconds("soon") == nil)
    }

    @Test func bodyChecksNameWhatIsWrong() {
        func reason(_ text: String, _ expected: BodyCheck.Expected, type: String? = nil) -> String? {
            do { try BodyCheck.check(Data(text.utf8), contentType: type, expected: expected, url: "u"); return nil } catch { return "\(error)" }
        }
        #expect(reason(#"[{"id": 1}]"#, .json) == nil)
        #expect(reason(#"[{"id": 1}, {"id": "#, .json)?.contains("truncated") == true)
        #expect(reason("<html><title>502 Bad Gateway</title></html>", .json)?.contains("HTML page instead of JSON (\"502 Bad Gateway\")") == true)
        #expect(reason("", .csv)?.contains("empty body") == true)
        #expect(reason("<!doctype html><html><body>login</body></html>", .csv)?.contains("instead of CSV") == true)
        #expect(reason("id,nom\n1,a\n", .csv, type: "text/csv") == nil)
        #expect(reason("<html><body><div>", .html)?.contains("cut short") == true)
        var previous: String?
        let page = [Data("{\"id\":1}".utf8)]
        #expect(throws: Never.self) { try BodyCheck.checkNotRepeated(page, previous: &previous, page: 1, url: "u") }
        #expect(throws: FetchError.self) { try BodyCheck.checkNotRepeated(page, previous: &previous, page: 2, url: "u") }
    }

    @Test func pruneKeepsTheLastFetchesOnePerMonthAndEveryLatestGood() throws {
        let ids = ["20260105T050000Z", "20260120T050000Z", "20260203T050000Z", "20260217T050000Z", "20260301T050000Z",
                   "20260302T050000Z", "20260303T050000Z", "20260304T050000Z"]
        var retention = FetchConfiguration.Retention()
        retention.keepLast = 3
        let doomed = FetchRetention.prunable(ids, retention: retention, latestGood: ["20260105T050000Z"])
        // kept: the last 3 (03-02..03-04), the newest of January and February, January 5 (a latest good)
        #expect(doomed == ["20260203T050000Z", "20260301T050000Z"])
        retention.keepMonthly = false
        #expect(FetchRetention.prunable(ids, retention: retention, latestGood: []).count == 5)

        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        for id in ids { try FileManager.default.createDirectory(at: archive.folder(of: id), withIntermediateDirectories: true) }
        try FileManager.default.createDirectory(at: archive.dropFolder(of: "monenfant"), withIntermediateDirectories: true)
        retention.keepMonthly = true
        #expect(try FetchRetention.prune(archive, retention: retention) == ["20260105T050000Z", "20260203T050000Z", "20260301T050000Z"])
        #expect(archive.fetchIDs().count == 5)
        #expect(FileManager.default.fileExists(atPath: archive.dropFolder(of: "monenfant").path))
    }
}

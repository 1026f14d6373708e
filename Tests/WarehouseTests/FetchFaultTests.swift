import Foundation
import Testing
@testable import WarehouseFetch
import WarehouseTestSupport

/// Producers misbehaving as real ones do: the fetch retries what may pass,
/// fails the source alone with the reason otherwise, and keeps the previous
/// archive as the latest good one.
@Suite struct FetchFaultTests {
    /// Fetches `sources` from the stubs after `prepare` queued faults. The
    /// client's timeout is long enough that a stub slowed down by a loaded
    /// machine (the whole suite runs at once on two cores) is never taken for
    /// a timeout; the timeout test sets its own.
    static func fetch(_ sources: [String], stubs: StubProducers, archive: FetchArchive, timeout: Double = 15,
                      resume: String? = nil, credentials: Credentials = stubCredentials) async throws -> FetchReport {
        try await stubs.serve { base in
            try await FetchRun.run(try FetchConfiguration.forStubs(at: base, timeout: timeout),
                                   request: .init(sources: sources, archive: archive, resume: resume), credentials: credentials)
        }
    }

    @Test func a429WaitsForItsRetryAfter() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.pass, on: "dora/structures")
        await stubs.behaviour.queue(.status(429, retryAfter: "1"), on: "dora/structures")
        let start = Date()
        let report = try await Self.fetch(["dora"], stubs: stubs, archive: archive)
        let dora = try #require(report.sources.first)
        #expect(dora.status == .ok)
        #expect(dora.retries == 1)
        #expect(Date().timeIntervalSince(start) >= 1, "the Retry-After of 1 s was not honoured")
        #expect(await stubs.behaviour.requests(on: "dora/structures").count == 3)
    }

    @Test func a503AskingToWaitTooLongFailsAtOnceSayingSo() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.status(503, retryAfter: "3600"), on: "fredo/structures")
        let report = try await Self.fetch(["fredo"], stubs: stubs, archive: archive)
        #expect(report.sources.first?.status == .failed)
        #expect(report.sources.first?.reason?.contains("HTTP 503") == true)
        #expect(report.sources.first?.reason?.contains("Retry-After") == true, "\(report.sources.first?.reason ?? "")")
        #expect(await stubs.behaviour.requests(on: "fredo/structures").count == 1)
    }

    @Test func a500ThenSuccessIsRetriedWithBackOff() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.status(500, retryAfter: nil), on: "agefiph/services", times: 2)
        let report = try await Self.fetch(["agefiph"], stubs: stubs, archive: archive)
        #expect(report.sources.first?.status == .ok)
        #expect(report.sources.first?.retries == 2)
        let served = StubContent().items("agefiph/services.json")
        #expect(try Data(contentsOf: report.folder.appendingPathComponent("agefiph/services.json")) == StubContent.archived(served))
    }

    @Test func aTruncatedBodyIsRetriedThenFailsTheSourceAlone() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.truncated, on: "soliguide/lieux")
        let once = try await Self.fetch(["soliguide"], stubs: stubs, archive: archive)
        #expect(once.sources.first?.status == .ok)
        #expect(once.sources.first?.retries == 1)

        await stubs.behaviour.queue(.truncated, on: "soliguide/lieux", times: 10)
        let report = try await Self.fetch(["soliguide", "fredo"], stubs: stubs, archive: archive)
        let soliguide = try #require(report.sources.first { $0.source == "soliguide" })
        #expect(soliguide.status == .failed)
        #expect(soliguide.reason?.contains("truncated") == true, "\(soliguide.reason ?? "")")
        #expect(soliguide.reason?.contains("gave up after 3 retries") == true)
        #expect(report.sources.first { $0.source == "fredo" }?.status == .ok)
        #expect(!FileManager.default.fileExists(atPath: report.folder.appendingPathComponent("soliguide").path))
        #expect(archive.latestGood()["soliguide"] == once.fetchID)
        #expect(archive.latestGood()["fredo"] == report.fetchID)
    }

    @Test func aTimeoutIsRetried() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        // the held answer outlasts the timeout by far; the retry's answer comes at once
        await stubs.behaviour.queue(.delay(12), on: "fredo/structures")
        let report = try await Self.fetch(["fredo"], stubs: stubs, archive: archive, timeout: 4)
        #expect(report.sources.first?.status == .ok, "\(report.sources.first?.reason ?? "")")
        #expect(report.sources.first?.retries == 1)
        #expect(try Data(contentsOf: report.folder.appendingPathComponent("fredo/structures.json")) == StubContent().file("fredo/structures.json"))
    }

    @Test func aPageRepeatingThePreviousOneFailsTheSource() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.pass, on: "emplois-de-linclusion/organisations")
        await stubs.behaviour.queue(.repeatPreviousPage, on: "emplois-de-linclusion/organisations")
        let report = try await Self.fetch(["emplois-de-linclusion"], stubs: stubs, archive: archive)
        let emplois = try #require(report.sources.first)
        #expect(emplois.status == .failed)
        #expect(emplois.reason?.contains("page 2 repeats page 1") == true, "\(emplois.reason ?? "")")
        #expect(archive.latestGood()["emplois-de-linclusion"] == nil)
    }

    @Test func anExpiredOAuth2TokenIsRenewedMidRun() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.expireTokens, on: "france-travail/agences")
        let report = try await Self.fetch(["france-travail"], stubs: stubs, archive: archive)
        #expect(report.sources.first?.status == .ok, "\(report.sources.first?.reason ?? "")")
        #expect(await stubs.behaviour.tokensIssued == 2)
        let agences = await stubs.behaviour.requests(on: "france-travail/agences")
        #expect(agences.map(\.authorization) == ["Bearer ft-access-1", "Bearer ft-access-2"])
    }

    @Test func anHTMLPageInsteadOfJSONFailsTheSourceWithItsTitle() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        await stubs.behaviour.queue(.htmlPage, on: "mediation-numerique/structures", times: 10)
        let report = try await Self.fetch(["mediation-numerique"], stubs: stubs, archive: archive)
        #expect(report.sources.first?.status == .failed)
        #expect(report.sources.first?.reason?.contains("an HTML page instead of JSON (\"Maintenance en cours\")") == true,
                "\(report.sources.first?.reason ?? "")")
    }

    @Test func anEmptyResultAfterAFullOneFailsAndResumeFetchesOnlyTheFailedSource() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        let first = try await Self.fetch(["dora", "fredo"], stubs: stubs, archive: archive)
        #expect(first.failed.isEmpty)
        await stubs.behaviour.queue(.emptyResult, on: "dora/services")
        let second = try await Self.fetch(["dora", "fredo"], stubs: stubs, archive: archive)
        let dora = try #require(second.sources.first { $0.source == "dora" })
        #expect(dora.status == .failed)
        #expect(dora.reason?.contains("dora/services: 0 records where the last good fetch (\(first.fetchID)) had") == true, "\(dora.reason ?? "")")
        #expect(archive.latestGood()["dora"] == first.fetchID)
        #expect(archive.latestGood()["fredo"] == second.fetchID)

        let fredoCalls = await stubs.behaviour.requests(on: "fredo/structures").count
        let resumed = try await Self.fetch(["dora", "fredo"], stubs: stubs, archive: archive, resume: second.fetchID)
        #expect(resumed.fetchID == second.fetchID)
        #expect(resumed.sources.map(\.source) == ["dora"])
        #expect(resumed.sources.first?.status == .ok)
        #expect(resumed.alreadyFetched == ["fredo"])
        #expect(await stubs.behaviour.requests(on: "fredo/structures").count == fredoCalls)
        #expect(archive.latestGood()["dora"] == second.fetchID)
        #expect(archive.run(second.fetchID)?.sources["dora"]?.status == "ok")
    }

    @Test func aMissingCredentialNamesItsVariableAndNoSecretIsShown() async throws {
        let stubs = StubProducers()
        let archive = try StubArchive.make(withDrops: false)
        defer { StubArchive.remove(archive) }
        var environment = StubProducers.tokens
        environment["SOLIGUIDE_API_TOKEN"] = nil
        await stubs.behaviour.queue(.status(401, retryAfter: nil), on: "dora/structures")
        let report = try await Self.fetch(["dora", "soliguide"], stubs: stubs, archive: archive,
                                          credentials: Credentials(environment: environment))
        #expect(report.sources.first { $0.source == "soliguide" }?.reason?.contains("SOLIGUIDE_API_TOKEN is not set") == true)
        #expect(report.sources.first { $0.source == "dora" }?.reason?.contains("HTTP 401") == true)
        // a refused credential is not retried
        #expect(report.sources.first { $0.source == "dora" }?.retries == 0)
        #expect(await stubs.behaviour.requests(on: "dora/structures").count == 1)
        let printed = report.render() + ((try? String(contentsOf: report.folder.appendingPathComponent("_run.json"), encoding: .utf8)) ?? "")
        for secret in StubProducers.tokens.values { #expect(!printed.contains(secret)) }
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

/// The optional BAN geocoder, against a local stand-in of its CSV batch API
/// (Tests/Fixtures/ban-stub): results cached by address, an unchanged
/// address never sent twice, the threshold deciding what the marts use.
@Suite struct GeocoderTests {
    @Test func addressesAreGeocodedOnceAndOnlyGoodScoresAreUsed() async throws {
        let stub = try BANStub.start()
        defer { stub.stop() }
        let snapshots = TestDatabase.demoSnapshots.appendingPathComponent("dora")
        try await TestDatabase.withFreshContext { context in
            let geocoder = try GeocoderConfiguration(kind: .ban, url: stub.url)
            let first = try await Refresh.run(context: context, snapshots: snapshots, geocoder: geocoder, progress: ProgressReporter(isQuiet: true))
            #expect(first.failure == nil)
            let sentFirst = try await stub.rowsReceived()
            try await context.withDatabase { database in
                let cached = try await database.scalarInt("select count(*) from ops.geocoding_cache")
                let addresses = try await database.scalarInt("select count(distinct geocoding_key) from intermediate.int__geocoding_inputs")
                #expect(sentFirst == addresses && cached == addresses && addresses > 0)
                // every dora structure with an address sits at the geocoder's answer
                let geocoded = try await database.rows("""
                    select structures.latitude - cache.latitude, structures.longitude - cache.longitude, structures._geocoding_precision
                    from marts.structures as structures
                    inner join intermediate.int__geocoding_inputs as inputs
                        on inputs.entity = 'structure' and inputs.id = structures.id
                    inner join ops.geocoding_cache as cache on cache.geocoding_key = inputs.geocoding_key
                    where structures.source = 'dora'
                    """).map { try $0.decode((Double, Double, String).self) }
                #expect(geocoded.count == 3)
                #expect(geocoded.allSatisfy { abs($0.0) < 1e-9 && abs($0.1) < 1e-9 && $0.2 == "address" })
            }

            // unchanged addresses: nothing is sent again
            let second = try await Refresh.run(context: context, snapshots: snapshots, geocoder: geocoder, progress: ProgressReporter(isQuiet: true))
            #expect(second.failure == nil)
            #expect(try await stub.rowsReceived() == sentFirst)

            // above every score, the geocoder's answers are kept but not used
            let strict = try GeocoderConfiguration(kind: .ban, url: stub.url, threshold: 0.95)
            _ = try await Refresh.run(context: context, snapshots: snapshots, geocoder: strict, progress: ProgressReporter(isQuiet: true))
            try await context.withDatabase { database in
                #expect(try await database.scalarInt("select count(*) from ops.geocoding_cache where accepted") == 0)
                let moved = try await database.scalarInt("""
                    select count(*) from marts.structures as structures
                    inner join intermediate.int__geocoding_inputs as inputs
                        on inputs.entity = 'structure' and inputs.id = structures.id
                    inner join ops.geocoding_cache as cache on cache.geocoding_key = inputs.geocoding_key
                    where abs(structures.latitude - cache.latitude) < 1e-9
                    """)
                #expect(moved == 0)
            }
        }
    }

    @Test func aGeocoderURLMustBeHTTP() {
        #expect(throws: WarehouseError.self) { try GeocoderConfiguration(kind: .ban, url: URL(string: "ftp://example.org")!) }
        #expect(throws: WarehouseError.self) { try GeocoderConfiguration(kind: .ban, url: URL(string: "http://example.org")!, threshold: 1.5) }
    }
}

/// The Python stand-in of the BAN API, on a free port.
struct BANStub: Sendable {
    let process: Process
    let url: URL

    static func start() throws -> BANStub {
        let root = TestDatabase.layout.root
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", root.appendingPathComponent("Tests/Fixtures/ban-stub/ban_stub.py").path,
                             root.appendingPathComponent("dbt-like-models/seeds/ref_communes.csv").path]
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("ban-stub-\(UUID().uuidString).port")
        process.arguments?.append(portFile.path)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // the stub writes its port once it listens
        var port: Int?
        for _ in 0..<200 where port == nil {
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if port == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        try? FileManager.default.removeItem(at: portFile)
        guard let port else {
            process.terminate()
            throw StubError(message: "the BAN stub did not start within 10 s (python3 \(process.arguments?.joined(separator: " ") ?? ""))")
        }
        return BANStub(process: process, url: URL(string: "http://127.0.0.1:\(port)")!)
    }

    func rowsReceived() async throws -> Int {
        let (data, _) = try await URLSession.shared.data(from: url.appendingPathComponent("stats"))
        let stats = try JSONSerialization.jsonObject(with: data) as? [String: Int]
        return stats?["rows"] ?? -1
    }

    /// SIGKILL, not terminate(): a test process that runs servers ignores
    /// SIGTERM, and its children inherit that. Foundation's waitUntilExit
    /// can spin on Linux, so the stub (which keeps no state) is not awaited.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
    }
}

struct StubError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

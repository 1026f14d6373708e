import Foundation
import Testing
import WarehouseDatabase
import WarehouseLoaders
import WarehouseTestSupport

@Suite struct RawRetentionTests {
    @Test func rawRowsOfTheLastThreeGoodLoadsAreKept() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let registry = RunRegistry(database)
            var runs: [Int64] = []
            for _ in 0..<5 {
                let runID = try await registry.begin(command: "test")
                _ = try await Loading.loadAll(snapshotsDirectory: TestDatabase.demoSnapshots.appendingPathComponent("dora"),
                                              runID: runID, database: database)
                runs.append(runID)
            }
            let kept = try await database.query("select distinct run_id from raw.dora__structures order by 1")
                .map { try $0.decode(Int64.self) }
            #expect(kept == Array(runs.suffix(3)))
            #expect(try await database.scalarInt("select count(*) from raw.dora__structures__current") == 4)
        }
    }
}

import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

/// Cluster ids across refreshes: the same data gives the same ids; a record
/// that leaves renumbers no other cluster; when it comes back it finds its id.
@Suite struct StableClusterIdTests {
    @Test func clusterIdsSurviveRefreshesAndARecordLeavingAndComingBack() async throws {
        let withoutOne = try Self.demoWithoutFirstDoraStructure()
        defer { try? FileManager.default.removeItem(at: withoutOne.folder) }
        try await TestDatabase.withFreshContext { context in
            let quiet = ProgressReporter(isQuiet: true)
            _ = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots, progress: quiet)
            let first = try await Self.clusterIDs(context)
            #expect(first.count > 50)
            let clusters = try await context.withDatabase { try await $0.scalarInt("select count(*) from dedup.clusters") }
            #expect(Set(first.values).count == clusters)

            _ = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots, progress: quiet)
            #expect(try await Self.clusterIDs(context) == first)

            _ = try await Refresh.run(context: context, snapshots: withoutOne.folder, progress: quiet)
            let without = try await Self.clusterIDs(context)
            #expect(without[withoutOne.removedID] == nil)
            // every other record keeps its cluster id, except the members of the
            // removed record's own cluster, which may split without it
            let formerCluster = first[withoutOne.removedID]
            for (id, cluster) in without where first[id] != formerCluster {
                #expect(first[id] == cluster, "\(id) moved from \(first[id] ?? "none") to \(cluster)")
            }

            _ = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots, progress: quiet)
            #expect(try await Self.clusterIDs(context) == first)
        }
    }

    static func clusterIDs(_ context: WarehouseContext) async throws -> [String: String] {
        try await context.withDatabase { database in
            var ids: [String: String] = [:]
            for row in try await database.rows("select id, cluster_id from marts.structures") {
                let (id, cluster) = try row.decode((String, String).self)
                ids[id] = cluster
            }
            return ids
        }
    }

    /// A copy of the demo snapshots whose dora structures lack the first one.
    static func demoWithoutFirstDoraStructure() throws -> (folder: URL, removedID: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatabase.demoSnapshots, to: folder)
        let file = folder.appendingPathComponent("dora/structures.json")
        var structures = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [[String: Any]] ?? []
        let removed = structures.removeFirst()
        try JSONSerialization.data(withJSONObject: structures).write(to: file)
        return (folder, "dora--\(removed["id"] as? String ?? "")")
    }
}

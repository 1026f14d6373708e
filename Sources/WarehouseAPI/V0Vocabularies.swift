import PostgresNIO
import Synchronization
import WarehouseDatabase

/// The v0 vocabularies (seeds `v0_*`), which check the parameters of
/// `/api/v0/*`. Read at the first v0 request rather than when the server
/// starts: a database refreshed before the v0 seeds existed gets them at its
/// next refresh, and the server then sees them without a restart.
final class V0Vocabularies: Sendable {
    struct Values: Sendable {
        /// seed name without `v0_` → its values, sorted
        let lists: [String: [String]]
        /// a top-level thematique → its children
        let children: [String: [String]]

        func accepted(_ seed: String) -> [String] { lists[seed] ?? [] }
    }

    static let seeds = ["thematiques", "typologies_de_structures", "labels_nationaux", "typologies_de_services", "frais",
                        "profils", "modes_accueil"]

    private let database: Database
    private let loaded = Mutex<Values?>(nil)

    init(database: Database) { self.database = database }

    /// nil while the seeds are missing (no refresh since the v0 shapes came).
    func values() async throws -> Values? {
        if let values = loaded.withLock({ $0 }) { return values }
        guard try await database.scalarInt("""
            select count(*) from pg_tables where schemaname = 'seeds' and tablename = any(array['v0_\(Self.seeds.joined(separator: "', 'v0_"))'])
            """) == Self.seeds.count else { return nil }
        var lists: [String: [String]] = [:]
        for seed in Self.seeds {
            lists[seed] = try await database.rows("select value from seeds.v0_\(seed) order by value").map { try $0.decode(String.self) }
        }
        var children: [String: [String]] = [:]
        for row in try await database.rows("select parent, value from seeds.v0_thematiques where parent is not null order by value") {
            let (parent, value) = try row.decode((String, String).self)
            children[parent, default: []].append(value)
        }
        let values = Values(lists: lists, children: children)
        loaded.withLock { $0 = values }
        return values
    }
}

import PostgresNIO
import Synchronization
import WarehouseDatabase

/// The current communes (point, département, EPCI) by INSEE code, read once
/// from the bundled referential (`seeds.ref_communes`) on the first search
/// and kept for the life of the server: every `/search/services` needs one,
/// and the referential only changes with a new release of the project
/// (a restart). Reading it whole (35,000 rows) also means an unknown code
/// never reaches the database.
final class CommuneDirectory: Sendable {
    struct Commune: Sendable {
        let latitude: Double
        let longitude: Double
        let departement: String
        let epci: String?
    }

    private let database: Database
    private let loaded = Mutex<[String: Commune]?>(nil)

    init(database: Database) {
        self.database = database
    }

    func commune(_ code: String) async throws -> Commune? {
        if let communes = loaded.withLock({ $0 }) { return communes[code] }
        let communes = try await load()
        loaded.withLock { $0 = communes }
        return communes[code]
    }

    private func load() async throws -> [String: Commune] {
        let rows = try await database.rows("""
            select code_insee, latitude::float8, longitude::float8, code_departement, nullif(code_epci, '')
            from seeds.ref_communes
            where type = 'COM' and nullif(latitude, '') is not null
            """)
        var communes: [String: Commune] = [:]
        communes.reserveCapacity(rows.count)
        for row in rows {
            let (code, latitude, longitude, departement, epci) = try row.decode((String, Double, Double, String, String?).self)
            communes[code] = Commune(latitude: latitude, longitude: longitude, departement: departement, epci: epci)
        }
        return communes
    }
}

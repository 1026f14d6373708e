import PostgresNIO
import Synchronization
import WarehouseDatabase

/// The current communes (point, département, EPCI) by INSEE code, read once
/// from the bundled referential (`seeds.ref_communes`) on the first search
/// and kept for the life of the server: every `/search/services` needs one,
/// and the referential only changes with a new release of the project
/// (a restart). Reading it whole (35,000 rows) also means an unknown code
/// never reaches the database. Besides the communes, the codes data·inclusion
/// also accepts: municipal arrondissements (75111, 69383, 13201) and
/// communes déléguées or associées, each at its own point (its parent's when
/// it has none), within its parent's EPCI; a commune's code wins over a
/// commune déléguée that shares it.
final class CommuneDirectory: Sendable {
    struct Commune: Sendable {
        let latitude: Double
        let longitude: Double
        let departement: String
        let epci: String?
        /// The commune an arrondissement or commune déléguée belongs to.
        let parent: String?
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
            select places.code_insee,
                   coalesce(nullif(places.latitude, ''), nullif(parents.latitude, ''))::float8,
                   coalesce(nullif(places.longitude, ''), nullif(parents.longitude, ''))::float8,
                   places.code_departement,
                   coalesce(nullif(places.code_epci, ''), nullif(parents.code_epci, '')),
                   nullif(places.code_commune_parent, '')
            from seeds.ref_communes as places
            left join seeds.ref_communes as parents on parents.code_insee = places.code_commune_parent and parents.type = 'COM'
            where places.type in ('COM', 'ARM', 'COMD', 'COMA')
              and coalesce(nullif(places.latitude, ''), nullif(parents.latitude, '')) is not null
            order by places.type = 'COM' desc
            """)
        var communes: [String: Commune] = [:]
        communes.reserveCapacity(rows.count)
        for row in rows {
            let (code, latitude, longitude, departement, epci, parent) = try row.decode((String, Double, Double, String, String?, String?).self)
            // communes come first: a commune déléguée with its commune's code does not replace it
            guard communes[code] == nil else { continue }
            communes[code] = Commune(latitude: latitude, longitude: longitude, departement: departement, epci: epci,
                                     parent: code == parent ? nil : parent)
        }
        return communes
    }
}

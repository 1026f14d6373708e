import Foundation
import Testing
import PostgresNIO
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

/// The example snapshots carry planted defects; each source file's §7 says
/// what the warehouse must make of them. One refresh, then one check per defect.
@Suite struct PlantedDefectsTests {
    func value(_ database: Database, _ sql: String) async throws -> String? {
        try await database.query(PostgresQueryText(sql)).first?.decode(String?.self)
    }

    @Test func demoDefectsAreHandledAsTheSourceFilesSay() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            try await context.withDatabase { database throws in
                let structure = { (id: String, column: String) in
                    try await value(database, "select \(column)::text from marts.structures where id = '\(id)'")
                }
                let service = { (id: String, column: String) in
                    try await value(database, "select \(column)::text from marts.services where id = '\(id)'")
                }
                let dora = "dora--0b6f6d8e-1c2a-4e7b-9a51-3f2d8c7e1a0"
                let doraService = "dora--5c1e2f3a-0000-4000-8000-00000000000"
                // dora: surrounding spaces and a trailing "." removed from names.
                #expect(try await structure(dora + "2", "nom") == "Mission Locale Exemple Lyon Est")
                // dora: a service name ending with ".." ends with "…".
                #expect(try await service(doraService + "3", "nom") == "Ateliers numériques pour jeunes…")
                // dora: the exact duplicate service is kept once, the orphan dropped.
                #expect(try await database.scalarInt("select count(*) from marts.services where id = '\(doraService)1'") == 1)
                #expect(try await database.scalarInt("select count(*) from marts.services where id = '\(doraService)4'") == 0)
                // dora: only type `delegation` gives no type, and an empty thematiques array.
                #expect(try await service(doraService + "6", "type") == nil)
                // dora: zone of type region 84 becomes its twelve départements.
                #expect(try await service(doraService + "3", "cardinality(zone_eligibilite)") == "12")
                #expect(try await service(doraService + "5", "zone_eligibilite") == "{france}")
                // dora: temps_passe_* given as strings are read as numbers.
                #expect(try await service(doraService + "3", "nombre_semaines") == "6")
                // dora: mobilisation_precisions only when both "autres" texts are present.
                #expect(try await service(doraService + "1", "mobilisation_precisions") == nil)
                #expect(try await service(doraService + "3", "mobilisation_precisions") != nil)
                // dora: empty strings are NULL.
                #expect(try await structure(dora + "3", "siret") == nil)

                let emplois = "emplois-de-linclusion--a7c1e0b2-0000-4000-8000-0000000000a"
                // emplois: placeholder SIRET and 0 coordinates are unknown values;
                // the structure is then placed at its commune's point.
                #expect(try await structure(emplois + "2", "siret") == nil)
                #expect(try await structure(emplois + "2", "_geocoding_precision") == "commune")
                // emplois: descriptions of 1 to 5 characters are discarded.
                #expect(try await structure(emplois + "3", "description") == nil)
                #expect(try await structure(emplois + "3", "adresse") == nil)

                let mediation = "mediation-numerique--c0a1b2c3-0001-4000-8000-00000000000"
                // mediation-numerique: pivot kept only when it is a real 14-digit SIRET.
                #expect(try await structure(mediation + "1", "siret") == nil)
                // (the invented 14-digit pivot then fails its Luhn key: set aside with the reason)
                #expect(try await value(database, "select pivot from staging.stg_mediation_numerique__structures where id like '%0002'") == "12345678900066")
                #expect(try await value(database, "select reason from marts.set_aside_values where id = '\(mediation)2' and field = 'siret'")
                        == "not 14 digits with a right Luhn key")
                // mediation-numerique: the place declared by dora is excluded; the null-source place is kept.
                #expect(try await database.scalarInt("select count(*) from marts.structures where id = '\(mediation)3'") == 0)
                #expect(try await database.scalarInt("select count(*) from marts.structures where id = '\(mediation)4'") == 1)
                // mediation-numerique: overseas INSEE 97411 gives département 974.
                #expect(try await service(mediation + "2", "zone_eligibilite") == "{974}")
                // mediation-numerique: an empty date_maj leaves the row in the marts, marked invalid with its reason.
                #expect(try await structure(mediation + "4", "_is_valid") == "false")
                #expect(try await database.scalarInt("""
                    select count(*) from marts.validation_errors where id = '\(mediation)4' and field = 'date_maj'
                    """) == 2)
            }
        }
    }
}

/// A query string built in a test from constants.
func PostgresQueryText(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql) }

import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

/// What each source's example snapshot must give once refreshed: the rows
/// its source file (§7) announces, and the planted unknown values reported.
@Suite struct AllSourcesTests {
    struct Expectation: Sendable, CustomTestStringConvertible {
        let source: String
        let structures: Int
        let services: Int
        var testDescription: String { source }
    }

    static let expectations = [
        Expectation(source: "dora", structures: 4, services: 4),
        Expectation(source: "emplois-de-linclusion", structures: 8, services: 0),
        Expectation(source: "mediation-numerique", structures: 4, services: 4),
        Expectation(source: "soliguide", structures: 2, services: 3),
        Expectation(source: "france-travail", structures: 4, services: 12),
        Expectation(source: "action-logement", structures: 3, services: 9),
        Expectation(source: "agefiph", structures: 3, services: 9),
        Expectation(source: "cd35", structures: 5, services: 6),
        Expectation(source: "fredo", structures: 4, services: 6),
        Expectation(source: "ma-boussole-aidants", structures: 4, services: 6),
        Expectation(source: "carif-oref", structures: 3, services: 3),
        Expectation(source: "reseau-alpha", structures: 3, services: 3),
        Expectation(source: "monenfant", structures: 4, services: 4),
        Expectation(source: "mes-aides", structures: 6, services: 6),
        Expectation(source: "finess", structures: 4, services: 3),
    ]

    @Test func everySourceHasAnExpectation() {
        #expect(Set(Self.expectations.map(\.source)) == Set(SourceCatalog.all.map(\.slug)))
    }

    @Test(arguments: expectations)
    func eachSourceGivesTheRowsItsFileAnnounces(_ expected: Expectation) async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            let structures = try await database.scalarInt("select count(*) from marts.structures where source = '\(expected.source)'")
            let services = try await database.scalarInt("select count(*) from marts.services where source = '\(expected.source)'")
            #expect(structures == expected.structures)
            #expect(services == expected.services)
            let orphans = try await database.scalarInt("""
                select count(*) from marts.services s where s.source = '\(expected.source)'
                and not exists (select 1 from marts.structures t where t.id = s.structure_id)
                """)
            #expect(orphans == 0)
            let prefixed = try await database.scalarInt("""
                select count(*) from marts.structures where source = '\(expected.source)' and id not like '\(expected.source)--%'
                """)
            #expect(prefixed == 0)
        }
    }

    @Test func plantedUnknownValuesAreReportedNotSilentlyDropped() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            let reported = Set(try await database.query("select source || ':' || raw_value from marts.unknown_values")
                .map { try $0.decode(String.self) })
            for planted in ["action-logement:salaries", "france-travail:mobilite--pret-de-vehicule-inexistant",
                            "fredo:catégorie inconnue", "mes-aides:besoin non répertorié",
                            "cd35:ASSO", "ma-boussole-aidants:99"] {
                #expect(reported.contains(planted), "\(planted) should be listed in marts.unknown_values")
            }
        }
    }

    @Test func everySourceLoadsItsExampleWithoutRejects() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            let loads = try await database.query("select source, status, rows_rejected from ops.source_loads")
                .map { try $0.decode((String, String, Int64).self) }
            #expect(Set(loads.map(\.0)) == Set(SourceCatalog.all.map(\.slug)))
            #expect(loads.allSatisfy { $0.1 == "succeeded" && $0.2 == 0 })
        }
    }
}

import Foundation
import Testing
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

@Suite struct OpenDataExportTests {
    @Test func openDataKeepsValidRowsOfOpenSourcesAndMasksContacts() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("opendata-\(UUID().uuidString).jsonl")
            let written = try await Exporter.export(.services, format: .jsonl, to: file, withInternal: true, openData: true, database: database)
            let rows = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map {
                try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
            }
            #expect(rows.count == written)
            let expected = try await database.scalarInt(
                "select count(*) from marts.services where _is_valid and source not in ('soliguide', 'agefiph')")
            #expect(written == expected)
            #expect(rows.allSatisfy { ($0["_is_valid"] as? Bool) == true })
            #expect(!rows.contains { ["soliguide", "agefiph"].contains($0["source"] as? String ?? "") })
            // DORA marked this service's contact as not public.
            let hidden = try #require(rows.first { $0["id"] as? String == "dora--5c1e2f3a-0000-4000-8000-000000000003" })
            #expect(hidden["courriel"] is NSNull && hidden["telephone"] is NSNull && hidden["contact_nom_prenom"] is NSNull)
        }
    }

    /// The first names it looks for (ref.first_names) are built by a refresh.
    @Test func personalEmailsAreFirstLastAtAWebmail() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            let cases: [(String, Bool)] = [
                ("jean.dupont@gmail.com", true), ("Marie-Claire.Martin@Orange.fr", true), ("paul_durand75@hotmail.fr", true),
                ("contact@gmail.com", false), ("jean.dupont@mairie-rennes.fr", false), ("accueil.ccas@ville.fr", false),
            ]
            for (email, personal) in cases {
                let rows = try await database.rows("select email_is_personal('\(email)')")
                #expect(try rows.first?.decode(Bool.self) == personal, "\(email)")
            }
        }
    }
}

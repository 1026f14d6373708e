import Foundation
import Testing
import WarehouseAPI
import WarehouseDatabase
import WarehouseTestSupport

/// `/api/v0/*` on the demo: v0's envelope and fields, its parameters (and
/// their older names), the same token, source visibility and consumption
/// events as v1. The answers' conformance to the v0 JSON Schemas is checked
/// by scripts/conformance_v0.py (scripts/check-conformance), with Python's
/// jsonschema rather than the warehouse's code.
@Suite struct V0APITests {
    static let envelope: Set<String> = ["items", "total", "page", "size", "pages"]

    @Test func listsAnswerV0ObjectsInDataInclusionsEnvelope() async throws {
        try await APITestHarness.with { api in
            let structures = try await api.get("/api/v0/structures?size=3")
            #expect(structures.status == 200)
            #expect(Set(structures.object.keys) == Self.envelope)
            #expect(structures.items.count == 3 && structures.object["size"] as? Int == 3)
            let visible = try await api.database.scalarInt("select count(*) from marts.structures where _is_valid and source <> 'soliguide'")
            #expect(structures.object["total"] as? Int == visible)
            #expect(structures.object["pages"] as? Int == (visible + 2) / 3)
            #expect(structures.header("X-Data-Version") == String(try await api.database.scalarInt("select version from ops.current_version")))
            let structure = try #require(structures.items.first)
            for field in ["typologie", "labels_nationaux", "labels_autres", "thematiques", "antenne", "rna", "presentation_resume",
                          "horaires_ouverture", "accessibilite", "score_qualite", "doublons"] {
                #expect(structure.keys.contains(field), "no \(field) in a v0 structure")
            }
            for field in ["reseaux_porteurs", "description", "horaires_accueil", "_is_valid", "cluster_id", "code_departement"] {
                #expect(!structure.keys.contains(field), "\(field) is not a v0 structure field")
            }
            let services = try await api.get("/api/v0/services?size=2&page=2")
            #expect(Set(services.object.keys) == Self.envelope && services.object["page"] as? Int == 2)
            let service = try #require(services.items.first)
            for field in ["types", "profils", "frais", "modes_orientation_accompagnateur", "modes_orientation_beneficiaire",
                          "zone_diffusion_type", "zone_diffusion_code", "zone_diffusion_nom", "pre_requis", "formulaire_en_ligne"] {
                #expect(service.keys.contains(field), "no \(field) in a v0 service")
            }
            #expect(!service.keys.contains("publics") && !service.keys.contains("zone_eligibilite") && !service.keys.contains("type"))
        }
    }

    @Test func v0ParametersFilterWithV0Values() async throws {
        try await APITestHarness.with { api in
            let ccas = try await api.get("/api/v0/structures?typologie=CCAS")
            #expect(ccas.status == 200 && !ccas.items.isEmpty)
            #expect(ccas.items.allSatisfy { $0["typologie"] as? String == "CCAS" })
            let labelled = try await api.get("/api/v0/structures?label_national=mission-locale")
            #expect(!labelled.items.isEmpty && labelled.items.allSatisfy { ($0["labels_nationaux"] as? [String] ?? []).contains("mission-locale") })
            // a top-level thematique finds its children, under the old single name as under the list
            let numerique = try await api.get("/api/v0/services?thematiques=numerique")
            #expect(!numerique.items.isEmpty)
            #expect(numerique.items.allSatisfy { ($0["thematiques"] as? [String] ?? []).contains { $0.hasPrefix("numerique") } })
            let old = try await api.get("/api/v0/services?thematique=numerique")
            #expect(old.object["total"] as? Int == numerique.object["total"] as? Int)
            // departement is the older name of code_departement; code_insee of code_commune
            let byCode = try await api.get("/api/v0/services?code_departement=35")
            let byOldName = try await api.get("/api/v0/services?departement=35")
            #expect((byCode.object["total"] as? Int ?? 0) > 0 && byCode.object["total"] as? Int == byOldName.object["total"] as? Int)
            // (the harness's Lille fixture keeps the département of the service it copies)
            #expect(byCode.items.allSatisfy { ($0["code_insee"] as? String)?.hasPrefix("35") ?? true || $0["id"] as? String == "fixture--lille" })
            let commune = try await api.get("/api/v0/services?code_insee=35238")
            #expect(!commune.items.isEmpty && commune.items.allSatisfy { $0["code_insee"] as? String == "35238" })
            let salaries = try await api.get("/api/v0/services?profils=salaries&frais=gratuit")
            #expect(!salaries.items.isEmpty)
            #expect(salaries.items.allSatisfy { ($0["profils"] as? [String] ?? []).contains("salaries") && ($0["frais"] as? [String]) == ["gratuit"] })
            // v1 values are not v0 values
            let refused = try await api.get("/api/v0/structures?typologie=ccas-cias&thematiques=mobilite--preparer-un-permis")
            #expect(refused.status == 422)
            let locations = (refused.object["detail"] as? [[String: Any]] ?? []).compactMap { ($0["loc"] as? [Any])?.compactMap { $0 as? String } }
            #expect(locations.contains(["query", "typologie"]) && locations.contains(["query", "thematiques"]))
        }
    }

    @Test func theSearchAnswersServicesWithTheirStructureAndDistance() async throws {
        try await APITestHarness.with { api in
            let found = try await api.get("/api/v0/search/services?code_commune=35238&size=50")
            #expect(found.status == 200 && Set(found.object.keys) == Self.envelope)
            #expect(!found.items.isEmpty)
            for item in found.items {
                #expect(Set(item.keys) == ["service", "distance"])
                let service = item["service"] as? [String: Any] ?? [:]
                #expect((service["structure"] as? [String: Any])?["id"] as? String == service["structure_id"] as? String)
            }
            let distances = found.items.compactMap { $0["distance"] as? Int }
            #expect(distances == distances.sorted())
            // the Lille fixture is 500 km away, on site only: not found from Rennes, found from Lille
            #expect(!found.items.contains { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            let lille = try await api.get("/api/v0/search/services?code_commune=59350")
            #expect(lille.items.contains { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            #expect(try await api.get("/api/v0/search/services?code_commune=00000").status == 422)
            #expect(try await api.get("/api/v0/search/services?code_commune=35238&lat=48.1").status == 422)
        }
    }

    @Test func tokensSourcesAndEventsAreV1s() async throws {
        try await APITestHarness.with(eventFlushInterval: .seconds(3_600), { api in
            #expect(try await api.get("/api/v0/services", token: .some(nil)).status == 401)
            #expect(try await api.get("/api/v0/services", method: "POST").status == 405)
            // soliguide is restricted to partners: the test token sees none of it
            let hidden = try await api.get("/api/v0/services?sources=soliguide")
            #expect(hidden.status == 200 && hidden.object["total"] as? Int == 0)
            #expect(try await api.database.scalarInt("select count(*) from marts_v0.services where source = 'soliguide' and _is_valid") > 0)
            _ = try await api.get("/api/v0/structures?typologie=CCAS")
            _ = try await api.get("/api/v0/search/services?code_commune=35238&profils=salaries")
        }, afterStop: { database in
            let rows = try await database.rows("""
                select event_type, status, path, filters::text from api.consumption_events order by event_id
                """).map { try $0.decode((String, Int, String, String).self) }
            #expect(rows.map(\.0) == ["v0_list_services", "v0_list_structures", "v0_search_services"])
            #expect(rows.map(\.1) == [200, 200, 200])
            #expect(rows[1].2 == "/api/v0/structures" && rows[1].3.contains("CCAS"))
            #expect(rows[2].3.contains("35238") && rows[2].3.contains("salaries"))
            // v1's event views keep v1's events only
            #expect(try await database.scalarInt("select count(*) from api.list_structures_events") == 0)
        })
    }
}

import Foundation
import Testing
import WarehouseAPI
import WarehouseCore
import WarehouseDatabase
import WarehouseTestSupport

/// Where data·inclusion's code decides a result, ours decides the same, each
/// on fixture rows made for it over the refreshed demo.
@Suite struct UpstreamSemanticsTests {
    static let policyFile = TestDatabase.layout.root.appendingPathComponent("config/api.yml")

    static func serviceIDs(_ reply: APITestHarness.Reply) -> [String] {
        reply.items.compactMap { ($0["service"] as? [String: Any])?["id"] as? String ?? $0["id"] as? String }
    }

    static func token(_ api: APITestHarness, _ subject: String, _ scopes: Set<TokenScope> = [.api]) async throws -> String {
        try await TokenAuthority.load(api.database).issue(subject: subject, scopes: scopes, expiresIn: nil).token
    }

    @Test func theDefaultPolicyShowsSoliguideToMatchingSubjectsAgefiphToAllAndNeverAHiddenDoublon() async throws {
        let policy = try AccessPolicy.load(Self.policyFile)
        try await APITestHarness.with(policy: policy) { api in
            // a soliguide structure in the same cluster as a dora one
            let (soliguide, dora) = try await api.database.rows("""
                select (select min(id) from marts.structures where source = 'soliguide' and _is_valid),
                       (select min(id) from marts.structures where source = 'dora' and _is_valid and cluster_id <> 'cl-fixture')
                """).first!.decode((String, String).self)
            try await api.database.execute("""
                update marts.structures set cluster_id = 'cl-hidden' where id in ('\(soliguide)', '\(dora)')
                """)
            let detail = try await api.get("/api/v1/structures/\(dora)")
            let doublons = try #require(detail.object["doublons"] as? [[String: Any]])
            #expect(doublons.isEmpty, "a soliguide doublon shown to a token that may not see soliguide")
            let list = try await api.get("/api/v1/structures?size=1000")
            let listed = try #require(list.items.first { $0["id"] as? String == dora })
            #expect((listed["doublons"] as? [Any])?.isEmpty == true)
            #expect(!list.items.contains { $0["source"] as? String == "soliguide" })
            #expect(list.items.contains { $0["source"] as? String == "agefiph" }, "agefiph is open to every token")
            // as data·inclusion, a lookup by id is not restricted
            #expect(try await api.get("/api/v1/structures/\(soliguide)").status == 200)

            for subject in ["dora-staging", "dora-prod-2024", "les-emplois-2025-04-10"] {
                let partner = try await Self.token(api, subject)
                let seen = try await api.get("/api/v1/structures?size=1000", token: .some(partner))
                #expect(seen.items.contains { $0["source"] as? String == "soliguide" }, "\(subject)")
                let pair = try await api.get("/api/v1/structures/\(dora)", token: .some(partner))
                let objects = try #require(pair.object["doublons"] as? [[String: Any]])
                #expect(objects.map { $0["id"] as? String } == [soliguide])
                // DetailedStructure.doublons are v1 Structure objects
                #expect(objects.first?["nom"] is String && objects.first?["date_maj"] != nil)
                #expect(objects.first?["score_qualite"] == nil && objects.first?["doublons"] == nil)
            }
            let other = try await Self.token(api, "les-emplois-widget")
            #expect(try await !api.get("/api/v1/structures?size=1000", token: .some(other)).items.contains { $0["source"] as? String == "soliguide" })
        }
    }

    @Test func theStricterPolicyAlsoHidesLookupsById() async throws {
        let policy = AccessPolicy(restrictedSources: ["soliguide": ["dora-*"]], restrictDetails: true)
        try await APITestHarness.with(policy: policy) { api in
            let soliguide = try await api.database.rows("select min(id) from marts.structures where source = 'soliguide' and _is_valid")
                .first!.decode(String.self)
            #expect(try await api.get("/api/v1/structures/\(soliguide)").status == 404)
            let partner = try await Self.token(api, "dora-prod")
            #expect(try await api.get("/api/v1/structures/\(soliguide)", token: .some(partner)).status == 200)
        }
    }

    @Test func servicesOfAnInvalidStructureAreNotServed() async throws {
        try await APITestHarness.with { api in
            let orphans = try await api.database.rows("""
                select services.id from marts.services as services left join marts.structures as structures on structures.id = services.structure_id
                where services._is_valid and not coalesce(structures._is_valid, false)
                """).map { try $0.decode(String.self) }
            #expect(!orphans.isEmpty, "the demo has valid services of invalid structures")
            let listed = Set(Self.serviceIDs(try await api.get("/api/v1/services?size=10000")))
            for id in orphans {
                #expect(!listed.contains(id))
                #expect(try await api.get("/api/v1/services/\(ConsumerReplayTests.pathSegment(id))").status == 404)
            }
        }
    }

    @Test func searchServicesFollowsUpstreamOnPublicsPointsModesAndTies() async throws {
        try await APITestHarness.with { api in
            // publics=tous-publics filters nothing
            let all = try await api.get("/api/v1/services?size=10000")
            let everyone = try await api.get("/api/v1/services?size=10000&publics=tous-publics")
            #expect(everyone.object["total"] as? Int == all.object["total"] as? Int)
            // lat/lon without code_commune are ignored
            let unplaced = try await api.get("/api/v1/search/services?size=10000")
            let point = try await api.get("/api/v1/search/services?size=10000&lat=50.63&lon=3.06&distance_max=1")
            #expect(point.object["total"] as? Int == unplaced.object["total"] as? Int)
            #expect(point.items.allSatisfy { $0["distance"] is NSNull })

            // a service without modes_accueil gets no distance
            let schema = try await ConsumerReplayTests.schema(api)
            try await api.database.execute("update \(schema).services set modes_accueil = null where id = 'fixture--lille'")
            try await api.database.execute("refresh materialized view \(schema).\(SearchTables.points)")
            try await api.database.execute("refresh materialized view \(schema).\(SearchTables.documents)")
            let search = try await api.get("/api/v1/search/services?code_commune=59295&size=10000")
            let lille = try #require(search.items.first { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            #expect(lille["distance"] is NSNull)

            // exclure_doublons keeps every structure tied on score and date
            let placed = search.items.compactMap { $0["service"] as? [String: Any] }
            let byStructure = Dictionary(grouping: placed, by: { $0["structure_id"] as? String ?? "" })
            let pair = Array(byStructure.keys.sorted().prefix(2))
            try #require(pair.count == 2)
            try await api.database.execute("""
                update \(schema).structures set cluster_id = 'cl-tie', score_qualite = 0.5, date_maj = date '2024-01-01'
                where id in ('\(pair[0])', '\(pair[1])')
                """)
            func kept() async throws -> Set<String> {
                let reply = try await api.get("/api/v1/search/services?code_commune=59295&size=10000&exclure_doublons=true")
                return Set(reply.items.compactMap { ($0["service"] as? [String: Any])?["structure_id"] as? String })
            }
            #expect(try await kept().isSuperset(of: pair))
            try await api.database.execute("update \(schema).structures set score_qualite = 0.6 where id = '\(pair[1])'")
            let afterScore = try await kept()
            #expect(afterScore.contains(pair[1]) && !afterScore.contains(pair[0]))
        }
    }
}

/// Parameters checked as data·inclusion's framework checks them.
@Suite struct UpstreamValidationTests {
    static func errors(_ reply: APITestHarness.Reply) -> [[String: Any]] { reply.object["detail"] as? [[String: Any]] ?? [] }

    @Test func parametersAreCheckedAndReportedAsPydanticDoes() async throws {
        try await APITestHarness.with { api in
            // every error at once, with pydantic's types, locations and contexts
            let many = try await api.get("/api/v1/services?page=abc&size=0&thematiques=numerique&thematiques=nowhere&frais=cher")
            #expect(many.status == 422)
            let errors = Self.errors(many)
            #expect(errors.map { $0["type"] as? String } == ["int_parsing", "greater_than_equal", "enum", "enum"])
            #expect(errors[1]["ctx"] as? [String: Int] == ["ge": 1])
            #expect(errors[2]["loc"] as? [AnyHashable] == ["query", "thematiques", 1])
            #expect(errors[3]["msg"] as? String == "Input should be 'gratuit' or 'payant'")
            #expect((errors[3]["ctx"] as? [String: String])?["expected"] == "'gratuit' or 'payant'")
            // a comma is no separator and an empty value is no value, as FastAPI reads lists
            #expect(try await api.get("/api/v1/services?thematiques=numerique,famille").status == 422)
            #expect(try await api.get("/api/v1/services?thematiques=").status == 422)
            // unknown sources find nothing; the score has no range
            let nowhere = try await api.get("/api/v1/services?sources=nowhere")
            #expect(nowhere.status == 200 && nowhere.items.isEmpty)
            #expect(try await api.get("/api/v1/services?score_qualite_minimum=2").status == 200)
            // code_commune: five word characters, else pydantic's string errors
            #expect(try await api.get("/api/v1/services?code_commune=ABCDE").status == 200)
            let short = try await api.get("/api/v1/services?code_commune=123")
            #expect(Self.errors(short).first?["type"] as? String == "string_too_short")
            let pattern = try await api.get("/api/v1/services?code_commune=12-45")
            #expect(Self.errors(pattern).first?["type"] as? String == "string_pattern_mismatch")
            // the code wins over the slug
            let both = try await api.get("/api/v1/services?size=10000&code_departement=59&slug_departement=paris")
            #expect(both.status == 200 && both.items.allSatisfy { ($0["code_insee"] as? String ?? "").hasPrefix("59") })
            // pydantic's booleans
            for spelling in ["True", "t", "y", "on", "1", "FALSE", "n", "off"] {
                #expect(try await api.get("/api/v1/structures?size=1&exclure_doublons=\(spelling)").status == 200, "\(spelling)")
            }
            let notBoolean = try await api.get("/api/v1/structures?exclure_doublons=peut-etre")
            #expect(Self.errors(notBoolean).first?["type"] as? String == "bool_parsing")
            // the sentences data·inclusion raises itself
            let alone = try await api.get("/api/v1/search/services?lat=50.7")
            #expect(alone.status == 422 && alone.object["detail"] as? String == "The `lat` and `lon` must be simultaneously filled.")
            let unknown = try await api.get("/api/v1/search/services?code_commune=00000")
            #expect(unknown.status == 422 && unknown.object["detail"] as? String == "This `code_commune` does not exist.")
        }
    }
}

/// `/search` and the full-text filters as data·inclusion answers them.
@Suite struct UpstreamSearchTests {
    static func ids(_ reply: APITestHarness.Reply) -> [String] {
        reply.items.compactMap { ($0["service"] as? [String: Any])?["id"] as? String }
    }

    @Test func searchFiltersRanksAndMeasuresAsDataInclusion() async throws {
        try await APITestHarness.with { api in
            let schema = try await ConsumerReplayTests.schema(api)
            try await api.database.execute("""
                update \(schema).services set nom = 'Atelier numérique', description = 'Découvrir l''ordinateur',
                    modes_accueil = array['en-presentiel', 'a-distance'] where id = 'fixture--lille'
                """)
            // code_commune is an equality filter; an unknown code finds nothing
            let lille = try await api.get("/api/v1/search?code_commune=59350&size=1000")
            #expect(lille.status == 200 && Self.ids(lille).contains("fixture--lille"))
            #expect(lille.items.allSatisfy { ($0["service"] as? [String: Any])?["code_insee"] as? String == "59350" })
            let unknown = try await api.get("/api/v1/search?code_commune=00000")
            #expect(unknown.status == 200 && unknown.items.isEmpty)
            // an empty q matches nothing; no q matches everything
            #expect(try await api.get("/api/v1/search?q=").items.isEmpty)
            #expect(try await api.get("/api/v1/search?size=1").object["total"] as? Int ?? 0 > 1)
            // websearch syntax: OR, -word, quoted phrases
            let either = try await api.get("/api/v1/search?q=ordinateur+OR+zzzzqqq&size=1000")
            #expect(Self.ids(either).contains("fixture--lille"))
            #expect(!Self.ids(try await api.get("/api/v1/search?q=atelier+-ordinateur&size=1000")).contains("fixture--lille"))
            #expect(Self.ids(try await api.get("/api/v1/search?q=%22atelier+numerique%22&size=1000")).contains("fixture--lille"))
            // the structure's name is searched too
            let structureName = try await api.database.rows("""
                select structures.nom from \(schema).structures as structures join \(schema).services as services on services.structure_id = structures.id
                where services.id = 'fixture--lille'
                """).first!.decode(String.self)
            let word = try #require(structureName.split(separator: " ").max { $0.count < $1.count }).lowercased()
            #expect(Self.ids(try await api.get("/api/v1/search?q=\(word)&size=1000")).contains("fixture--lille"), "\(word)")
            // around a point: within distance, remote services too, a whole distance, score 2 decimals
            let near = try await api.get("/api/v1/search?q=atelier&lat=50.6292&lon=3.0573&distance=5&size=1000")
            let item = try #require(near.items.first { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            #expect(item["distance"] as? Int == 1)
            let score = try #require(item["score_recherche"] as? Double)
            #expect(score > 0 && (score * 100).rounded() == score * 100)
            let far = try await api.get("/api/v1/search?q=atelier&lat=43.3&lon=5.4&distance=5&size=1000")
            #expect(!Self.ids(far).contains("fixture--lille"), "a remote service beyond the distance is left out")
        }
    }

    @Test func recherchePublicUsesWebSearchSyntaxAndExtraIsShownOnRequest() async throws {
        try await APITestHarness.with { api in
            try await api.database.execute("""
                update marts.services set publics_precisions = 'jeunes parents isolés' where id = 'fixture--lille'
                """)
            func ids(_ query: String) async throws -> [String] {
                try await api.get("/api/v1/services?size=10000&recherche_public=\(query)").items.compactMap { $0["id"] as? String }
            }
            #expect(try await ids("parents+-jeunes").contains("fixture--lille") == false)
            #expect(try await ids("zzzqqq+OR+parents").contains("fixture--lille"))
            #expect(try await ids("%22parents+isoles%22").contains("fixture--lille"))
            let plain = try await api.get("/api/v1/services?size=1")
            #expect(plain.items.first?["extra"] == nil)
            let extra = try await api.get("/api/v1/services?size=1&extra=True")
            #expect(extra.items.first.map { $0.keys.contains("extra") } == true)
        }
    }
}

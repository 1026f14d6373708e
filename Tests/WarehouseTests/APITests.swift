import Foundation
import Testing
import WarehouseAPI
import WarehouseDatabase
import WarehouseTestSupport

/// `warehouse serve` end to end: a real server over the refreshed demo,
/// called over HTTP as data·inclusion's consumers call it.
@Suite struct APITests {
    static let listedStructureFields: Set<String> = ["source", "id", "nom", "date_maj", "adresse_certifiee", "score_qualite", "doublons"]
    static let serviceFields: Set<String> = ["source", "structure_id", "id", "nom", "description", "date_maj", "adresse_certifiee", "score_qualite"]

    @Test func listsAndDetailsHaveDataInclusionsShapeAndTheDataVersion() async throws {
        try await APITestHarness.with { api in
            let version = try await api.database.scalarInt("select max(version) from ops.published_versions where published_at is not null")
            let structures = try await api.get("/api/v1/structures?size=5")
            #expect(structures.status == 200)
            #expect(Set(structures.object.keys).isSuperset(of: ["items", "total", "page", "size", "pages"]))
            #expect(structures.object["size"] as? Int == 5 && structures.items.count == 5)
            let validStructures = try await api.database.scalarInt("select count(*) from marts.structures where _is_valid and source <> 'soliguide'")
            #expect(structures.object["total"] as? Int == validStructures)
            #expect(structures.header("X-Data-Version") == String(version))
            // the body has data·inclusion's keys only; the version is in the header
            #expect(structures.object["data_version"] == nil)
            for item in structures.items { #expect(Set(item.keys).isSuperset(of: Self.listedStructureFields)) }

            // with and without the trailing slash
            #expect(try await api.get("/api/v1/structures/?size=1").status == 200)

            let id = try #require(structures.items.first?["id"] as? String)
            let detail = try await api.get("/api/v1/structures/\(id)")
            #expect(detail.status == 200)
            #expect(detail.object["services"] is [Any])
            let etag = try #require(detail.header("ETag"))
            #expect(try await api.get("/api/v1/structures/\(id)", headers: ["If-None-Match": etag]).status == 304)

            let services = try await api.get("/api/v1/services?size=3")
            for item in services.items { #expect(Set(item.keys).isSuperset(of: Self.serviceFields)) }
            let serviceID = try #require(services.items.first?["id"] as? String)
            let service = try await api.get("/api/v1/services/\(serviceID)")
            #expect((service.object["structure"] as? [String: Any])?["id"] as? String == service.object["structure_id"] as? String)

            // gzip for clients that take it
            let compressed = try await api.get("/api/v1/services", headers: ["Accept-Encoding": "gzip"])
            #expect(compressed.header("Content-Encoding") == "gzip")
            #expect(compressed.items.count == compressed.object["total"] as? Int)

            let frais = try await api.get("/api/v1/doc/frais", token: .some(nil))
            #expect(frais.status == 200)
            #expect((frais.json as? [[String: Any]])?.map { $0["value"] as? String } == ["gratuit", "payant"])
        }
    }

    @Test func badInputIsAnsweredWithTheRightStatusAndANamedParameter() async throws {
        try await APITestHarness.with { api in
            let missing = try await api.get("/api/v1/structures", token: .some(nil))
            #expect(missing.status == 401)
            #expect(try await api.get("/api/v1/structures", token: "not-a-token").status == 401)
            let widget = try await TokenAuthority.load(api.database).issue(subject: "widget", scopes: [.widget], expiresIn: nil).token
            #expect(try await api.get("/api/v1/structures", token: .some(widget)).status == 403)
            // as data·inclusion, a widget token reaches the widget only
            #expect(try await api.get("/api/v1/search/services", token: .some(widget)).status == 403)
            #expect(try await api.get("/api/v1/structures/nobody--0").status == 404)
            #expect(try await api.get("/api/v1/doc/nothing", token: .some(nil)).status == 404)

            let theme = try await api.get("/api/v1/services?thematiques=not-a-theme")
            #expect(theme.status == 422)
            let detail = try #require((theme.object["detail"] as? [[String: Any]])?.first)
            #expect(detail["loc"] as? [AnyHashable] == ["query", "thematiques", 0])
            #expect(detail["type"] as? String == "enum")
            #expect((detail["ctx"] as? [String: Any])?["expected"] is String)
            for query in ["page=0", "page=abc", "size=10001", "code_departement=999", "slug_region=atlantide",
                          "frais=cher", "modes_accueil=partout"] {
                let reply = try await api.get("/api/v1/services?\(query)")
                #expect(reply.status == 422, "\(query) gave \(reply.status)")
            }
            #expect(try await api.get("/api/v1/search/services?code_commune=00000").status == 422)
            #expect(try await api.get("/api/v1/search/services?lat=50.7").status == 422)
            #expect(try await api.get("/api/v1/structures?exclure_doublons=peut-etre").status == 422)
            // never a database error in a body
            let odd = try await api.get("/api/v1/services?recherche_public=%27%3B%20drop%20table%20x%3B--")
            #expect(odd.status == 200)
        }
    }

    @Test func searchFromHazebrouckFindsLilleAbout39KilometresAwayAndKeepsRemoteServices() async throws {
        try await APITestHarness.with { api in
            let search = try await api.get("/api/v1/search/services?code_commune=59295")
            #expect(search.status == 200)
            let lille = try #require(search.items.first { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            let distance = try #require(lille["distance"] as? Int)
            #expect((37...41).contains(distance), "Hazebrouck → Lille gave \(distance) km")
            let distances = search.items.compactMap { $0["distance"] as? Int }
            #expect(distances == distances.sorted())
            // remote services stay, without a distance
            #expect(search.items.contains { item in
                (((item["service"] as? [String: Any])?["modes_accueil"] as? [String]) ?? []).contains("a-distance") && item["distance"] is NSNull
            })
            let closer = try await api.get("/api/v1/search/services?code_commune=59295&distance_max=30")
            #expect(!closer.items.contains { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            let fromPoint = try await api.get("/api/v1/search/services?code_commune=59295&lat=50.6292&lon=3.0573&thematiques=numerique")
            let nearLille = fromPoint.items.first { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" }
            #expect((0...1).contains(nearLille?["distance"] as? Int ?? -1))
        }
    }

    @Test func searchByCategoryGivesEachServiceOnceAndTheSameServicesAsTheUnfilteredSearch() async throws {
        try await APITestHarness.with { api in
            func serviceID(_ item: [String: Any]) -> String? { (item["service"] as? [String: Any])?["id"] as? String }
            func thematiques(_ item: [String: Any]) -> [String] {
                ((item["service"] as? [String: Any])?["thematiques"] as? [String]) ?? []
            }
            // a category stands for several thematiques: a service having two
            // of them is found under each key of the search's index, and must
            // come once
            let everything = try await api.get("/api/v1/search/services?code_commune=59295")
            let category = try await api.get("/api/v1/search/services?code_commune=59295&thematiques=numerique")
            #expect(category.status == 200)
            let ids = category.items.compactMap(serviceID)
            #expect(!ids.isEmpty)
            #expect(Set(ids).count == ids.count, "a service came twice")
            #expect(category.object["total"] as? Int == ids.count)
            let expected = everything.items.filter { thematiques($0).contains { $0.hasPrefix("numerique--") } }.compactMap(serviceID)
            #expect(Set(ids) == Set(expected))
            #expect(category.items.contains { thematiques($0).filter { $0.hasPrefix("numerique--") }.count > 1 },
                    "no service with two thematiques of the category (fixture--lille has two): the test would not see a duplicate")
        }
    }

    @Test func filtersFollowDataInclusionsSemantics() async throws {
        try await APITestHarness.with { api in
            // a category stands for its thematiques
            let category = try await api.get("/api/v1/services?thematiques=numerique")
            #expect(category.items.contains { $0["id"] as? String == "fixture--lille" })
            for item in category.items {
                #expect(((item["thematiques"] as? [String]) ?? []).contains { $0.hasPrefix("numerique") })
            }
            // tous-publics matches whichever public is asked
            let publics = try await api.get("/api/v1/services?publics=seniors")
            #expect(publics.items.contains { $0["id"] as? String == "fixture--lille" })
            let sources = try await api.get("/api/v1/services?sources=dora")
            #expect(!sources.items.isEmpty && sources.items.allSatisfy { $0["source"] as? String == "dora" })
            let minimum = try await api.get("/api/v1/services?score_qualite_minimum=0.9")
            #expect(minimum.items.allSatisfy { ($0["score_qualite"] as? Double ?? 0) >= 0.9 })
            let nord = try await api.get("/api/v1/services?slug_departement=nord")
            #expect(nord.items.allSatisfy { ($0["code_insee"] as? String ?? "").hasPrefix("59") })
            // a restricted source is hidden from a token not listed for it
            let soliguide = try await api.get("/api/v1/structures?sources=soliguide")
            #expect(soliguide.items.isEmpty)
            let partner = try await TokenAuthority.load(api.database).issue(subject: "partner", scopes: [.api], expiresIn: nil).token
            #expect(try await !api.get("/api/v1/structures?sources=soliguide", token: .some(partner)).items.isEmpty)

            // exclure_doublons: one structure per cluster, the best scored
            let deduplicated = try await api.get("/api/v1/structures?size=1000&exclure_doublons=true")
            let clusters = try await api.database.scalarInt("""
                select count(distinct cluster_id) from marts.structures where _is_valid and source <> 'soliguide'
                """)
            #expect(deduplicated.items.count == clusters)
            let fixtureMembers = try await api.database.rows("select id, score_qualite from marts.structures where cluster_id = 'cl-fixture'")
                .map { try $0.decode((String, Double).self) }
            #expect(fixtureMembers.count == 2)
            let kept = deduplicated.items.filter { item in fixtureMembers.contains { $0.0 == item["id"] as? String } }
            #expect(kept.count == 1 && kept.first?["score_qualite"] as? Double == 0.9)
            #expect((kept.first?["doublons"] as? [[String: Any]])?.count == 1)
            // the list chosen once serves every page: pages and cursors walk it whole, in id order
            let everyID = deduplicated.items.compactMap { $0["id"] as? String }
            #expect(everyID == everyID.sorted())
            var byPage: [String] = []
            for page in 1...((everyID.count + 6) / 7) {
                let reply = try await api.get("/api/v1/structures?size=7&page=\(page)&exclure_doublons=true")
                #expect(reply.object["total"] as? Int == everyID.count)
                byPage += reply.items.compactMap { $0["id"] as? String }
            }
            #expect(byPage == everyID)
            var byCursor: [String] = []
            var next: String? = "/api/v1/structures?size=7&cursor=start&exclure_doublons=true"
            while let path = next, byCursor.count <= everyID.count {
                let reply = try await api.get(path)
                byCursor += reply.items.compactMap { $0["id"] as? String }
                next = reply.object["next"] as? String
            }
            #expect(byCursor == everyID)
            // each token's hidden sources give their own list
            let partnerList = try await api.get("/api/v1/structures?size=1000&exclure_doublons=true", token: .some(partner))
            #expect(partnerList.items.contains { $0["source"] as? String == "soliguide" })
            #expect(!deduplicated.items.contains { $0["source"] as? String == "soliguide" })
            // another filter is another list
            let departement = try await api.get("/api/v1/structures?size=1000&exclure_doublons=true&code_departement=59")
            #expect(departement.items.allSatisfy { ($0["code_insee"] as? String)?.hasPrefix("59") == true })
        }
    }

    @Test func fullTextSearchIgnoresAccentsAndRanksNamesFirst() async throws {
        try await APITestHarness.with { api in
            try await api.database.execute("""
                update marts.services set nom = 'Atelier numérique pour débutants', description = 'Découvrir l''ordinateur'
                where id = 'fixture--lille'
                """)
            let plain = try await api.get("/api/v1/search?q=numerique%20debutant")
            #expect(plain.status == 200)
            let first = try #require(plain.items.first)
            #expect((first["service"] as? [String: Any])?["id"] as? String == "fixture--lille")
            #expect((first["score_recherche"] as? Double ?? 0) > 0)
            let near = try await api.get("/api/v1/search?q=numerique&code_commune=59295&distance=30")
            #expect(!near.items.contains { ($0["service"] as? [String: Any])?["id"] as? String == "fixture--lille" })
            #expect(try await api.get("/api/v1/search?q=x&cursor=start").status == 422)
        }
    }

    @Test func cursorsWalkOneDataVersionAndExpireWithIt() async throws {
        try await APITestHarness.with { api in
            var seen: [String] = []
            var next: String? = "/api/v1/services?cursor=start&size=7"
            var version: Int?
            while let path = next {
                let page = try await api.get(path)
                #expect(page.status == 200)
                seen += page.items.compactMap { $0["id"] as? String }
                version = version ?? page.object["data_version"] as? Int
                #expect(page.object["data_version"] as? Int == version)
                next = page.object["next"] as? String
                if seen.count > 1_000 { break }
            }
            let total = try await api.database.scalarInt("""
                select count(*) from marts.services as services join marts.structures as structures on structures.id = services.structure_id
                where services._is_valid and structures._is_valid and services.source not in ('soliguide')
                """)
            #expect(seen.count == total && Set(seen).count == total)

            let first = try await api.get("/api/v1/services?cursor=start&size=2")
            let cursorPath = try #require(first.object["next"] as? String)
            try await api.database.execute("update ops.published_versions set retired_at = now() where version = \(version ?? 0)")
            let expired = try await api.get(cursorPath)
            #expect(expired.status == 410)
        }
    }

    @Test func revokedAndExpiredTokensAreRefusedAndLimitsAnswer429() async throws {
        let policy = AccessPolicy(scopeLimits: [.api: (perSecond: 0.01, burst: 3)])
        try await APITestHarness.with(policy: policy) { api in
            let authority = try await TokenAuthority.load(api.database)
            let (token, id) = try await authority.issue(subject: "revoked", scopes: [.api], expiresIn: nil)
            #expect(try await api.get("/api/v1/sources", token: .some(token)).status == 200)
            #expect(try await TokenRegistry(api.database).revoke(tokenID: id, subject: nil, reason: "test") == 1)
            #expect(try await api.get("/api/v1/sources", token: .some(token)).status == 401)

            let short = try await authority.issue(subject: "short", scopes: [.api], expiresIn: 1).token
            try await Task.sleep(for: .milliseconds(2_100))
            let expired = try await api.get("/api/v1/sources", token: .some(short))
            #expect(expired.status == 401 && expired.text.contains("expired"))

            let limited = try await authority.issue(subject: "busy", scopes: [.api], expiresIn: nil).token
            var statuses: [Int] = []
            for _ in 0..<4 { statuses.append(try await api.get("/api/v1/sources", token: .some(limited)).status) }
            #expect(statuses == [200, 200, 200, 429])
            let refused = try await api.get("/api/v1/sources", token: .some(limited))
            #expect(Int(refused.header("Retry-After") ?? "") ?? 0 >= 1)
        }
    }

    @Test func everyAuthenticatedRequestAndEveryBotIsRecordedOnceTheServerStops() async throws {
        // Events wait in memory (no periodic flush within the test): only the
        // stop can have written them.
        try await APITestHarness.with(eventFlushInterval: .seconds(3_600), { api in
            _ = try await api.get("/api/v1/services?thematiques=numerique&size=2")
            _ = try await api.get("/api/v1/structures?code_departement=59")
            _ = try await api.get("/api/v1/search/services?code_commune=59295&frais=gratuit")
            _ = try await api.get("/api/v1/services?frais=cher")
            _ = try await api.get("/api/v1/doc/publics", token: .some(nil), headers: ["User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1)"])
            _ = try await api.get("/api/v1/doc/publics", token: .some(nil))
            #expect(try await api.database.scalarInt("select count(*) from api.consumption_events") == 0)
        }, afterStop: { database in
            let rows = try await database.rows("""
                select event_type, status, coalesce(result_count, -1), filters::text, is_bot, subject is not null
                from api.consumption_events order by event_id
                """).map { try $0.decode((String, Int, Int, String, Bool, Bool).self) }
            #expect(rows.map(\.0) == ["list_services", "list_structures", "search_services", "list_services", "doc"])
            #expect(rows.map(\.1) == [200, 200, 200, 422, 200])
            #expect(rows[0].3.contains("numerique") && rows[2].3.contains("59295"))
            #expect(rows[4].4 && !rows[4].5)      // the crawler, without token
            #expect(rows[0].5 && !rows[0].4)
            #expect(try await database.scalarInt("select count(*) from api.search_services_events where code_commune = '59295'") == 1)
        })
    }
}


import Foundation
import Testing
import WarehouseAPI
import WarehouseCore
import WarehouseDatabase
import WarehouseTestSupport

/// The API called the way data·inclusion's two main consumers call it:
/// les emplois de l'inclusion (requests/httpx: form-encoded query strings,
/// pages parsed into a record of exactly `items, total, page, size, pages`,
/// a sync loop over `page` up to `pages`) and DORA (a loop until an empty
/// page, detail fetches by id, full-text with spaces).
@Suite struct ConsumerReplayTests {
    static let upstreamPageKeys: Set<String> = ["items", "total", "page", "size", "pages"]

    /// An id as a path segment, as the consumers' libraries quote it (`/` too).
    static func pathSegment(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
    }

    @Test func lesEmploisParsesEveryPageStrictlyAndItsSyncLoopSeesEveryRecord() async throws {
        try await APITestHarness.with { api in
            for path in ["/api/v1/structures?size=7", "/api/v1/services?size=7&thematiques=numerique&thematiques=famille",
                         "/api/v1/search/services?code_commune=59295&thematiques=numerique&size=5",
                         "/api/v1/search?q=atelier&size=5", "/api/v1/structures?exclure_doublons=True&size=3"] {
                let reply = try await api.get(path)
                #expect(reply.status == 200, "\(path)")
                #expect(Set(reply.object.keys) == Self.upstreamPageKeys, "\(path) has \(reply.object.keys.sorted())")
                #expect(reply.header("X-Data-Version") != nil)
                #expect(reply.object["size"] as? Int == reply.items.count, "size is the number of items returned")
            }
            // the sync loop: page 1, then up to `pages`
            for resource in ["structures", "services"] {
                var page = 1
                var pages = 1
                var ids: [String] = []
                var total = 0
                repeat {
                    let reply = try await api.get("/api/v1/\(resource)?size=9&page=\(page)")
                    #expect(Set(reply.object.keys) == Self.upstreamPageKeys)
                    pages = reply.object["pages"] as? Int ?? 0
                    total = reply.object["total"] as? Int ?? -1
                    ids += reply.items.compactMap { $0["id"] as? String }
                    page += 1
                } while page <= pages
                #expect(ids.count == total && Set(ids).count == total, "\(resource): \(ids.count) of \(total)")
            }
            // our additions only when asked for: a cursor
            let cursor = try await api.get("/api/v1/services?cursor=start&size=5")
            #expect(cursor.object["data_version"] != nil && cursor.object["next"] is String)
            let link = try #require(cursor.header("Link"))
            #expect(link.hasSuffix("rel=\"next\"") && link.contains("cursor="))
        }
    }

    @Test func doraWalksUntilAnEmptyPageAndFetchesEveryDetailByItsQuotedId() async throws {
        try await APITestHarness.with { api in
            var ids: [String] = []
            var page = 1
            while page < 100 {
                let reply = try await api.get("/api/v1/services?size=20&page=\(page)")
                #expect(reply.status == 200)
                if reply.items.isEmpty { break }
                ids += reply.items.compactMap { $0["id"] as? String }
                page += 1
            }
            let odd = ids.filter { $0.contains(" ") || $0.contains("/") }
            #expect(odd.count >= 2, "the demo has ids with spaces and a slash")
            for id in ids {
                let detail = try await api.get("/api/v1/services/\(Self.pathSegment(id))")
                #expect(detail.status == 200, "\(id)")
                #expect(detail.object["id"] as? String == id)
                let structureID = try #require(detail.object["structure_id"] as? String)
                let structure = try await api.get("/api/v1/structures/\(Self.pathSegment(structureID))")
                #expect(structure.status == 200, "\(structureID)")
            }
        }
    }

    @Test func plusInAQueryValueIsASpace() async throws {
        try await APITestHarness.with { api in
            try await api.database.execute("""
                update marts.services set nom = 'Garde d''enfants et soutien', publics_precisions = 'parents isolés'
                where id = 'fixture--lille'
                """)
            try await api.database.execute("refresh materialized view \(try await Self.schema(api)).\(SearchTables.points)")
            let plus = try await api.get("/api/v1/search?q=garde+enfants")
            let escaped = try await api.get("/api/v1/search?q=garde%20enfants")
            #expect(plus.status == 200)
            #expect(plus.object["total"] as? Int == escaped.object["total"] as? Int)
            #expect((plus.object["total"] as? Int ?? 0) > 0)
            let publics = try await api.get("/api/v1/services?recherche_public=parents+isoles")
            #expect(publics.items.contains { $0["id"] as? String == "fixture--lille" })
            // a literal plus is written %2B
            let literal = try await api.get("/api/v1/services?recherche_public=parents%2Bisoles")
            #expect(literal.status == 200)
        }
    }

    @Test func arrondissementsAndCommunesDelegueesAreSearchedFromTheirPoint() async throws {
        try await APITestHarness.with { api in
            for code in ["75111", "69383", "13201", "75056"] {
                let reply = try await api.get("/api/v1/search/services?code_commune=\(code)")
                #expect(reply.status == 200, "\(code) gave \(reply.status)")
            }
            let delegated = try #require(try await api.database.rows("""
                select code_insee from seeds.ref_communes as places where type in ('COMD', 'COMA')
                and not exists (select from seeds.ref_communes as communes where communes.type = 'COM' and communes.code_insee = places.code_insee)
                order by code_insee limit 1
                """).first?.decode(String.self))
            #expect(try await api.get("/api/v1/search/services?code_commune=\(delegated)").status == 200)
            let unknown = try await api.get("/api/v1/search/services?code_commune=00000")
            #expect(unknown.status == 422)
            #expect(unknown.text.contains("This `code_commune` does not exist."))
        }
    }

    @Test func oddInputIsNeverA500() async throws {
        try await APITestHarness.with { api in
            for path in ["/api/v1/search?q=%00", "/api/v1/services?recherche_public=a%00b", "/api/v1/structures?sources=%00",
                         "/api/v1/search/services?code_commune=%00", "/api/v1/services/%00", "/api/v1/structures/a%00",
                         "/api/v1/services?page=214750&size=10000", "/api/v1/search/services?code_commune=59295&page=214750&size=10000",
                         "/api/v1/search?q=x&page=214750&size=10000", "/api/v1/structures?exclure_doublons=true&page=214750&size=10000",
                         "/api/v1/services?q=%ZZ", "/api/v1/services?thematiques=%E9",
                         "/api/v1/search?q=a&lat=5e-324&lon=74.5", "/api/v1/search/services?code_commune=59295&lat=1e-200&lon=0"] {
                let reply = try await api.get(path)
                #expect(reply.status < 500, "\(path) gave \(reply.status): \(reply.text)")
            }
            let far = try await api.get("/api/v1/services?page=214750&size=10000")
            #expect(far.status == 200 && far.items.isEmpty)
        } afterStop: { database in
            // a NUL in a parameter must not keep the events of its batch from being written
            let written = try await database.scalarInt("select count(*) from api.consumption_events")
            #expect(written >= 13, "only \(written) events written")
        }
    }

    static func schema(_ api: APITestHarness) async throws -> String {
        try await api.database.rows("select schema_name from ops.published_versions where published_at is not null order by version desc limit 1")
            .first!.decode(String.self)
    }
}

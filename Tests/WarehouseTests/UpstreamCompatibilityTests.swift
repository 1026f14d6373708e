import Crypto
import Foundation
import Testing
import WarehouseAPI
import WarehouseCore
import WarehouseDatabase
import WarehouseTestSupport

/// What an operator and the consumers moving from data·inclusion keep: its
/// tokens (with its signing secret), the widget's route, token creation,
/// CORS, robots.txt and the statuses of its framework.
@Suite struct UpstreamCompatibilityTests {
    static let upstreamSecret = "data-inclusion-secret-key-for-the-tests"

    /// A token as data·inclusion's PyJWT writes it.
    static func upstreamToken(_ claims: [String: Any], secret: String = upstreamSecret) -> String {
        func encode(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let header = encode(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = encode(try! JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys]))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        return "\(header).\(payload).\(encode(Data(signature)))"
    }

    @Test func tokensIssuedByDataInclusionAreAcceptedWithTheirScopes() async throws {
        let policy = try AccessPolicy.load(UpstreamSemanticsTests.policyFile)
        try await APITestHarness.with(policy: policy, upstreamSecret: Self.upstreamSecret) { api in
            let dora = Self.upstreamToken(["sub": "dora-prod", "scopes": ["api"], "created_at": "2026-12-03T10:00:00+01:00"])
            let list = try await api.get("/api/v1/structures?size=1000", token: .some(dora))
            #expect(list.status == 200)
            #expect(list.items.contains { $0["source"] as? String == "soliguide" }, "dora-* sees soliguide")
            let legacy = Self.upstreamToken(["sub": "old-partner"])
            #expect(try await api.get("/api/v1/services", token: .some(legacy)).status == 200)
            let forged = Self.upstreamToken(["sub": "dora-prod", "scopes": ["api"], "created_at": "2026-12-03T10:00:00"], secret: "another-secret")
            #expect(try await api.get("/api/v1/services", token: .some(forged)).status == 401)
            let expired = Self.upstreamToken(["sub": "x", "scopes": ["api"], "created_at": "2020-01-01T00:00:00", "exp": 1_600_000_000])
            #expect(try await api.get("/api/v1/services", token: .some(expired)).status == 401)

            // a widget token: the widget only, from the hosts it names
            let widget = Self.upstreamToken(["sub": "site", "scopes": ["widget"], "created_at": "2026-12-03T10:00:00",
                                             "allowed_hosts": ["example.org"]])
            #expect(try await api.get("/api/v1/structures", token: .some(widget)).status == 403)
            #expect(try await api.get("/api/v1/search/services", token: .some(widget)).status == 403)
            let page = try await api.get("/widget/?token=\(widget)&code_commune=59295&exclure_doublons=True", token: .some(nil),
                                         headers: ["Origin": "https://www.example.org"])
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true && page.text.contains("<li>"))
            let elsewhere = try await api.get("/widget/?token=\(widget)", token: .some(nil), headers: ["Origin": "https://elsewhere.net"])
            #expect(elsewhere.status == 403 && elsewhere.text.contains("Origin not allowed for this token."))
            let apiOnly = try await api.get("/widget/?token=\(dora)", token: .some(nil), headers: ["Origin": "https://www.example.org"])
            #expect(apiOnly.status == 403 && apiOnly.text.contains("Widget access not configured for this token."))
        }
    }

    @Test func theWidgetRouteAuthenticatesItsQueryTokenAndWidgetTokensReachNothingElse() async throws {
        try await APITestHarness.with { api in
            let widget = try await UpstreamSemanticsTests.token(api, "site", [.widget])
            for path in ["/api/v1/search/services?code_commune=59295", "/api/v1/search?q=atelier", "/api/v1/sources", "/api/v1/services"] {
                #expect(try await api.get(path, token: .some(widget)).status == 403, "\(path)")
            }
            let page = try await api.get("/widget/?token=\(widget)&code_commune=59295&exclure_doublons=True", token: .some(nil))
            #expect(page.status == 200 && page.text.contains("service"))
            #expect(try await api.get("/widget?token=\(widget)", token: .some(nil)).status == 200)
            #expect(try await api.get("/widget/?token=nonsense", token: .some(nil)).status == 403)
            #expect(try await api.get("/widget/", token: .some(nil)).status == 422)
            #expect(try await api.get("/widget/?token=\(api.token)", token: .some(nil)).status == 403, "an api token is no widget token")
        }
    }

    @Test func anAdminCreatesTokensThatWorkAtOnce() async throws {
        try await APITestHarness.with { api in
            let admin = try await UpstreamSemanticsTests.token(api, "operator", [.admin])
            let created = try await api.get("/auth/create_token", token: .some(admin), headers: ["Content-Type": "application/json"],
                                            method: "POST", body: Data(#"{"email": "someone@example.org"}"#.utf8))
            #expect(created.status == 200)
            #expect(created.object["allowed_hosts"] is NSNull)
            let access = try #require(created.object["access"] as? String)
            #expect(try await api.get("/api/v1/services", token: .some(access)).status == 200)
            let widget = try await api.get("/auth/create_token", token: .some(admin), method: "POST",
                                           body: Data(#"{"email": "site@example.org", "hosts": ["https://site.example.org/page"]}"#.utf8))
            #expect(widget.object["allowed_hosts"] as? [String] == ["site.example.org"])
            let widgetToken = try #require(widget.object["access"] as? String)
            #expect(try await api.get("/api/v1/services", token: .some(widgetToken)).status == 403)

            #expect(try await api.get("/auth/create_token", method: "POST", body: Data(#"{"email": "x"}"#.utf8)).status == 403)
            let missing = try await api.get("/auth/create_token", token: .some(admin), method: "POST", body: Data("{}".utf8))
            #expect(missing.status == 422)
            let error = try #require((missing.object["detail"] as? [[String: Any]])?.first)
            #expect(error["type"] as? String == "missing" && error["loc"] as? [String] == ["body", "email"])
        }
    }

    @Test func corsRobotsAndMethodsAnswerAsDataInclusion() async throws {
        try await APITestHarness.with { api in
            let cors = try await api.get("/api/v1/services?size=1", headers: ["Origin": "https://app.example.org"])
            #expect(cors.header("Access-Control-Allow-Origin") == "*")
            let preflight = try await api.get("/api/v1/search/services", token: .some(nil), headers: [
                "Origin": "https://app.example.org", "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization",
            ], method: "OPTIONS")
            #expect(preflight.status < 300)
            #expect(preflight.header("Access-Control-Allow-Origin") == "*")
            #expect(preflight.header("Access-Control-Allow-Headers")?.lowercased().contains("authorization") == true)
            let post = try await api.get("/api/v1/structures", method: "POST", body: Data())
            #expect(post.status == 405)
            let robots = try await api.get("/robots.txt", token: .some(nil))
            #expect(robots.status == 200 && robots.text == "User-agent: *\nAllow: /api/docs\nDisallow: /\n")
        }
    }

    @Test func sourcesCarryTheirDescription() async throws {
        try await APITestHarness.with(policy: try AccessPolicy.load(UpstreamSemanticsTests.policyFile)) { api in
            let sources = try #require(try await api.get("/api/v1/sources").json as? [[String: Any]])
            let dora = try #require(sources.first { $0["slug"] as? String == "dora" })
            #expect((dora["description"] as? String)?.isEmpty == false)
            #expect(!sources.contains { $0["slug"] as? String == "soliguide" })
            #expect(sources.contains { $0["slug"] as? String == "agefiph" })
        }
    }
}

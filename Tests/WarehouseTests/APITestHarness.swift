import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import WarehouseAPI
import WarehouseCore
import WarehouseDatabase
import WarehouseTestSupport

/// A real `warehouse serve` on a free port over a fresh copy of the refreshed
/// demo, with fixture rows for geography and duplicates, and HTTP calls to it.
struct APITestHarness: Sendable {
    let base: URL
    let database: Database
    let server: APIServer
    /// A token with the `api` scope, subject `tester`.
    let token: String

    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers.first { $0.key.lowercased() == name.lowercased() }?.value }
    }

    /// The demo's published version schema gets: a service in Lille
    /// (fixture for the Hazebrouck search) and two structures sharing one
    /// duplicate cluster.
    /// `afterStop` runs once the server has stopped, before anything else
    /// touches the events it buffered. The server answers as `servingAs`
    /// (the API role, as `warehouse serve` does); `database` is the owner's.
    static func with(policy: AccessPolicy = AccessPolicy(restrictedSources: ["soliguide": ["partner"]]),
                     eventFlushInterval: Duration = .seconds(1),
                     servingAs role: WarehouseRole = .api,
                     upstreamSecret: String? = nil,
                     _ body: @Sendable (APITestHarness) async throws -> Void,
                     afterStop: @Sendable (Database) async throws -> Void = { _ in }) async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, context in
            try await addFixtures(database)
            try await TokenAuthority.ensureSigningKey(database)
            if role == .owner {
                try await serve(from: database, owner: database, policy: policy, eventFlushInterval: eventFlushInterval,
                                upstreamSecret: upstreamSecret, body, afterStop: afterStop)
            } else {
                try await RoleStandIn.with(role, on: context.databaseURL) { serving in
                    try await serve(from: serving, owner: database, policy: policy, eventFlushInterval: eventFlushInterval,
                                    upstreamSecret: upstreamSecret, body, afterStop: afterStop)
                }
            }
        }
    }

    private static func serve(from serving: Database, owner database: Database, policy: AccessPolicy, eventFlushInterval: Duration,
                              upstreamSecret: String?,
                              _ body: @Sendable (APITestHarness) async throws -> Void,
                              afterStop: @Sendable (Database) async throws -> Void) async throws {
        let documents = try APIDocuments.load(TestDatabase.layout.root.appendingPathComponent("openapi.yaml"))
        let recorder = ConsumptionRecorder(database: serving, flushInterval: eventFlushInterval)
        let server = try await APIServer.make(database: serving, policy: policy, documents: documents, recorder: recorder,
                                              revocationCacheSeconds: 0, upstreamSecret: upstreamSecret,
                                              tokenIssuer: try await TokenAuthority.load(database))
        let token = try await TokenAuthority.load(database).issue(subject: "tester", scopes: [.api], expiresIn: nil).token
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "warehouse.api.tests")
        // stopping by cancellation makes the server log its channels closing
        logger.logLevel = .critical
        let serverLogger = logger
        let running = Task {
            try await server.run(configuration: APIConfiguration(host: "127.0.0.1", port: 0), logger: serverLogger) {
                continuation.yield($0)
            }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw HarnessError(message: "the server did not start") }
        let harness = APITestHarness(base: URL(string: "http://127.0.0.1:\(port)")!, database: database, server: server, token: token)
        do {
            try await body(harness)
        } catch {
            running.cancel()
            _ = await running.result
            throw error
        }
        running.cancel()
        _ = await running.result
        try await afterStop(database)
        await server.events.flush()
    }

    static func addFixtures(_ database: Database) async throws {
        let schema = try await database.rows("select schema_name from ops.published_versions where published_at is not null order by version desc limit 1")
            .first!.decode(String.self)
        // An in-person service at Lille's town hall, for everyone, free.
        try await database.execute("""
            insert into \(schema).services
            select (jsonb_populate_record(null::\(schema).services, to_jsonb(services) || jsonb_build_object(
                'id', 'fixture--lille', 'source', services.source, 'latitude', 50.6366, 'longitude', 3.0635,
                'code_insee', '59350', 'commune', 'Lille', 'code_postal', '59000', 'modes_accueil', array['en-presentiel'],
                'zone_eligibilite', null, 'thematiques', array['numerique--acquerir-un-equipement', 'numerique--acceder-a-une-connexion-internet'],
                'publics', array['tous-publics'], 'frais', 'gratuit', '_is_valid', true))).*
            from \(schema).services as services where services._is_valid and services.source = 'dora' order by services.id limit 1
            """)
        // Two valid structures of different sources as one cluster, the
        // second with the better score.
        try await database.execute("""
            with pair as (
                select id, row_number() over (order by id) as position from \(schema).structures
                where _is_valid and source in ('dora', 'emplois-de-linclusion') and id in (
                    (select min(id) from \(schema).structures where _is_valid and source = 'dora'),
                    (select min(id) from \(schema).structures where _is_valid and source = 'emplois-de-linclusion'))
            )
            update \(schema).structures as structures
            set cluster_id = 'cl-fixture', score_qualite = case pair.position when 1 then 0.2 else 0.9 end
            from pair where pair.id = structures.id
            """)
        // The search reads the build's narrow copy of the services and
        // their documents, made with the indexes: they must see the fixtures too.
        try await database.execute("refresh materialized view \(schema).\(SearchTables.points)")
        try await database.execute("refresh materialized view \(schema).\(SearchTables.documents)")
    }

    func get(_ path: String, token: String?? = .none, headers: [String: String] = [:], method: String = "GET", body: Data? = nil) async throws -> Reply {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.httpMethod = method
        request.httpBody = body
        let bearer: String? = token ?? self.token
        if let bearer { request.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return Reply(status: http.statusCode, headers: fields, body: data)
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

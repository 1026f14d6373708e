import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// One local server standing in for every producer, each under `/<source>`,
/// answering as the source's description says its API does (paging, auth,
/// errors), with the demo snapshots as content and faults played on demand.
struct StubProducers: Sendable {
    static let tokens = ["DORA_API_TOKEN": "dora-secret", "EMPLOIS_API_TOKEN": "emplois-secret",
                         "SOLIGUIDE_API_TOKEN": "soliguide-secret", "MEDIATION_NUMERIQUE_API_TOKEN": "mednum-secret",
                         "FREDO_API_TOKEN": "fredo-secret", "GRIST_API_TOKEN": "grist-secret",
                         "MA_BOUSSOLE_AIDANTS_API_KEY": "boussole-secret",
                         "FRANCE_TRAVAIL_CLIENT_ID": "ft-client", "FRANCE_TRAVAIL_CLIENT_SECRET": "ft-secret"]
    /// Items per page where the server, not the client, chooses (JSON:API, Ma Boussole Aidants).
    static let serverPageSize = 2

    let content = StubContent()
    let behaviour = StubBehaviour()

    /// Serves until `body` returns, on a free port of 127.0.0.1.
    func serve<T: Sendable>(_ body: @Sendable (URL) async throws -> T) async throws -> T {
        let router = Router()
        router.get("**") { request, _ in await self.answer(request) }
        router.post("**") { request, _ in await self.answer(request) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "warehouse.fetch.stubs")
        logger.logLevel = .critical
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                              logger: logger)
        let running = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw StubError(message: "the stub server did not start") }
        defer { running.cancel() }
        return try await body(URL(string: "http://127.0.0.1:\(port)")!)
    }

    struct StubError: Error { let message: String }

    // MARK: routing

    private func answer(_ request: Request) async -> Response {
        let path = Self.gristDocuments(request.uri.path)
        let query = Self.query(request.uri.description)
        let authorization = request.headers[.authorization]
        var body = Data()
        if var buffer = try? await request.body.collect(upTo: 1 << 20) { body = Data(buffer.readBytes(length: buffer.readableBytes) ?? []) }
        let origin = "http://\(request.head.authority ?? "127.0.0.1")"
        guard let route = route(path: path, query: query, origin: origin) else { return Self.plain(.notFound, "no such route: \(path)") }
        await behaviour.record(.init(route: route.name, method: request.method.rawValue, target: request.uri.description,
                                     authorization: authorization))
        if let required = route.credential, !(await allows(request, credential: required)) {
            return Self.plain(.unauthorized, #"{"detail":"Invalid token."}"#)
        }
        let fault = await behaviour.nextFault(on: route.name)
        switch fault {
        case .status(let code, let retryAfter)?:
            var headers = HTTPFields()
            if let retryAfter { headers[HTTPField.Name("Retry-After")!] = retryAfter }
            headers[.contentType] = "application/json"
            return Response(status: .init(code: code), headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"detail":"stub fault"}"#)))
        case .delay(let seconds)?:
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        case .htmlPage?:
            return Self.respond(Data("<!DOCTYPE html><html><head><title>Maintenance en cours</title></head><body>Revenez plus tard</body></html>".utf8),
                                type: "text/html; charset=utf-8")
        case .expireTokens?:
            await behaviour.expireTokens()
            if !(await allows(request, credential: route.credential ?? "")) {
                return Self.plain(.unauthorized, #"{"error":"invalid_token","error_description":"token expired"}"#)
            }
        case .repeatPreviousPage?:
            if let previous = await behaviour.previousPage(on: route.name) { return Self.respond(previous, type: route.type) }
        default:
            break
        }
        var (data, status, location) = await route.serve(body, fault)
        if let location { return Response(status: .found, headers: [.location: location]) }
        if case .truncated? = fault { data = data.prefix(data.count / 2) }
        await behaviour.remember(page: data, on: route.name)
        return Self.respond(data, type: route.type, status: status)
    }

    private func allows(_ request: Request, credential: String) async -> Bool {
        let header = credential.hasPrefix("x-api-key ") ? request.headers[HTTPField.Name("x-api-key")!].map { "x-api-key \($0)" }
            : request.headers[.authorization]
        if credential == "oauth2" {
            guard let value = header, value.hasPrefix("Bearer ") else { return false }
            return await behaviour.isValid(token: String(value.dropFirst("Bearer ".count)))
        }
        return header == credential
    }

    /// One Grist server holds both documents; the stubs serve each under its source.
    static func gristDocuments(_ path: String) -> String {
        path.replacingOccurrences(of: "/grist/api/docs/ftdoc/", with: "/france-travail/api/docs/ftdoc/")
            .replacingOccurrences(of: "/grist/api/docs/aldoc/", with: "/action-logement/api/docs/aldoc/")
    }

    static func query(_ target: String) -> [String: String] {
        let items = URLComponents(string: "http://stub\(target)")?.queryItems ?? []
        return Dictionary(items.map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
    }

    static func respond(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        respond(Data(text.utf8), type: "application/json", status: status)
    }
}

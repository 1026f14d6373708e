import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import WarehouseCore
import WarehouseDatabase

/// `warehouse serve`: data·inclusion's API v1 over the published marts.
/// Every data endpoint needs a bearer token with the `api` scope (a widget
/// token opens `/widget/` only); `/doc/*`, `/api/openapi.json`, `/api/docs`
/// and `/robots.txt` are public. Bad input is a 422 naming the parameters,
/// never a 500; database errors are logged, never shown.
public struct APIServer: Sendable {
    let database: Database
    let authority: TokenAuthority
    let vocabularies: Vocabularies
    let v0Vocabularies: V0Vocabularies
    let policy: AccessPolicy
    let recorder: ConsumptionRecorder
    let limiter: RateLimiter
    let reader: MartsReader
    let communes: CommuneDirectory
    let documents: APIDocuments
    /// Issues tokens for `/auth/create_token` (connected as the owner: the
    /// API role may not write api.tokens); nil: that route answers 503.
    let tokenIssuer: TokenAuthority?

    /// Server parameters of the API's connections. Each request is one
    /// short statement: parallel workers would multiply the processes
    /// competing for the cores under concurrent load, and JIT compilation
    /// (triggered by the cost of a search over a national mart) costs more
    /// than the query it speeds up.
    public static let databaseSettings: [(String, String)] = [
        ("max_parallel_workers_per_gather", "0"),
        ("jit", "off"),
    ]

    public static func make(database: Database, policy: AccessPolicy, documents: APIDocuments,
                            recorder: ConsumptionRecorder? = nil,
                            revocationCacheSeconds: TimeInterval = TokenAuthority.revocationCacheSeconds,
                            documentCacheBytes: Int = 512 * 1_048_576, logger: Logger? = nil,
                            upstreamSecret: String? = nil, tokenIssuer: TokenAuthority? = nil) async throws -> APIServer {
        let authority = try await TokenAuthority.load(database, revocationCacheSeconds: revocationCacheSeconds, upstreamSecret: upstreamSecret)
        let vocabularies = try await Vocabularies.load(database)
        let reader = MartsReader(database: database, documentCache: DocumentCache(capacityBytes: documentCacheBytes),
                                 logger: logger ?? database.logger)
        // seeing the published version starts loading its search documents
        _ = try? await reader.version(pinnedTo: nil)
        return APIServer(database: database, authority: authority, vocabularies: vocabularies,
                         v0Vocabularies: V0Vocabularies(database: database), policy: policy,
                         recorder: recorder ?? ConsumptionRecorder(database: database),
                         limiter: RateLimiter { policy.limit(for: $0) }, reader: reader,
                         communes: CommuneDirectory(database: database), documents: documents, tokenIssuer: tokenIssuer)
    }

    /// Serves until SIGINT/SIGTERM (or the task is cancelled), then writes
    /// the consumption events still buffered.
    public func run(configuration: APIConfiguration, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let app = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "inclusion-warehouse"),
            services: [recorder],
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
        try await app.runService()
    }

    public var events: ConsumptionRecorder { recorder }

    func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self, options: .init())
        // as data·inclusion: any origin may call, preflights are answered
        router.add(middleware: CORSMiddleware(allowOrigin: .all,
                                              allowHeaders: [.accept, .authorization, .contentType, .origin, .ifNoneMatch, .acceptEncoding],
                                              allowMethods: [.get, .post, .head, .options], exposedHeaders: ["X-Data-Version", "Link", "ETag"]))
        let api = router.group("api/v1")
        readOnly(api, "structures") { request, _ in await self.listStructures(request) }
        readOnly(api, "structures/:id") { request, context in await self.structure(request, id: FormQuery.pathSegment(context.parameters.get("id") ?? "")) }
        readOnly(api, "services") { request, _ in await self.listServices(request) }
        readOnly(api, "services/:id") { request, context in await self.service(request, id: FormQuery.pathSegment(context.parameters.get("id") ?? "")) }
        readOnly(api, "search/services") { request, _ in await self.searchServices(request) }
        readOnly(api, "search") { request, _ in await self.searchText(request) }
        readOnly(api, "sources") { request, _ in await self.sources(request) }
        readOnly(api, "doc/:vocabulary") { request, context in await self.vocabulary(request, name: context.parameters.get("vocabulary") ?? "") }
        router.get("api/openapi.json") { request, _ in self.documents.openAPI(request) }
        router.get("api/docs") { request, _ in self.documents.page(request) }
        router.get("robots.txt") { _, _ in Self.robots }
        router.get("widget") { request, _ in await self.widget(request) }
        router.post("auth/create_token") { request, _ in await self.createToken(request) }
        addV0Routes(to: router)
        ValideurEndpoint.register(on: router)
        return router
    }

    /// A GET route; other methods are answered 405, as FastAPI does.
    private func readOnly(_ group: RouterGroup<BasicRequestContext>, _ path: RouterPath,
                          _ handler: @escaping @Sendable (Request, BasicRequestContext) async throws -> Response) {
        group.get(path, use: handler)
        for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
            group.on(path, method: method) { request, _ in
                var response = APIOutcome.failure(.methodNotAllowed, "Method Not Allowed").response(for: request)
                response.headers[.allow] = "GET"
                return response
            }
        }
    }

    // MARK: endpoints

    private func listStructures(_ request: Request) async -> Response {
        await serve(request, event: "list_structures", scopes: [.api]) { token in
            let parameters = try ListParameters(request.queryPairs, endpoint: .structures, vocabularies: self.vocabularies)
            let version = try await self.version(for: parameters)
            let page = try await self.reader.structures(parameters, hiddenSources: self.hidden(token), version: version)
            return self.envelope(page, parameters: parameters, version: version, request: request)
        }
    }

    private func structure(_ request: Request, id: String) async -> Response {
        await serve(request, event: "consult_structure", scopes: [.api], filters: ["id": .one(id)]) { token in
            let version = try await self.version(for: nil)
            // an id with a NUL character names nothing (and PostgreSQL refuses it in text)
            guard !id.contains("\u{0}"), let json = try await self.reader.structure(id: id, hiddenFromLookup: self.hiddenFromDetails(token),
                                                                                               hiddenSources: self.hidden(token), version: version) else {
                return .failure(.notFound, "no structure with id '\(id)'")
            }
            return APIOutcome(json: json, resultCount: 1, dataVersion: version.number, cacheable: true)
        }
    }

    private func listServices(_ request: Request) async -> Response {
        await serve(request, event: "list_services", scopes: [.api]) { token in
            let parameters = try ListParameters(request.queryPairs, endpoint: .services, vocabularies: self.vocabularies)
            let version = try await self.version(for: parameters)
            // read as data·inclusion reads it: only `true`, in any case
            let extra = request.queryPairs.last { $0.0 == "extra" }?.1.lowercased() == "true"
            let page = try await self.reader.services(parameters, hiddenSources: self.hidden(token), version: version, withExtra: extra)
            return self.envelope(page, parameters: parameters, version: version, request: request)
        }
    }

    private func service(_ request: Request, id: String) async -> Response {
        await serve(request, event: "consult_service", scopes: [.api], filters: ["id": .one(id)]) { token in
            let version = try await self.version(for: nil)
            // an id with a NUL character names nothing (and PostgreSQL refuses it in text)
            guard !id.contains("\u{0}"), let json = try await self.reader.service(id: id, hiddenSources: self.hiddenFromDetails(token), version: version) else {
                return .failure(.notFound, "no service with id '\(id)'")
            }
            return APIOutcome(json: json, resultCount: 1, dataVersion: version.number, cacheable: true)
        }
    }

    private func searchServices(_ request: Request) async -> Response {
        await serve(request, event: "search_services", scopes: [.api]) { token in
            let parameters = try ListParameters(request.queryPairs, endpoint: .searchServices, vocabularies: self.vocabularies)
            let (anchor, zones) = try await self.anchor(for: parameters)
            let version = try await self.version(for: parameters)
            let page = try await self.reader.searchServices(parameters, hiddenSources: self.hidden(token), version: version,
                                                            anchor: anchor, communeZones: zones)
            return self.envelope(page, parameters: parameters, version: version, request: request)
        }
    }

    private func searchText(_ request: Request) async -> Response {
        await serve(request, event: "search", scopes: [.api]) { token in
            let parameters = try ListParameters(request.queryPairs, endpoint: .search, vocabularies: self.vocabularies)
            if parameters.usesCursor { throw ParameterError("cursor", "/search pages by page number; cursors are for the lists and /search/services") }
            // code_commune filters (an unknown one finds nothing); lat/lon place the search
            let anchor = parameters.latitude.flatMap { latitude in parameters.longitude.map { (latitude: latitude, longitude: $0) } }
            let version = try await self.version(for: nil)
            let page = try await self.reader.searchText(parameters, hiddenSources: self.hidden(token), version: version, anchor: anchor)
            return self.envelope(page, parameters: parameters, version: version, request: request)
        }
    }

    private func sources(_ request: Request) async -> Response {
        await serve(request, event: "list_sources", scopes: [.api]) { token in
            let hidden = Set(self.hidden(token))
            let items = self.vocabularies.sources.filter { !hidden.contains($0.slug) }.map {
                JSONText.object(["slug": .string($0.slug), "nom": .string($0.nom),
                                 "description": self.policy.sourceDescriptions[$0.slug].map(JSONText.Value.string) ?? .null])
            }
            return APIOutcome(json: "[" + items.joined(separator: ",") + "]", resultCount: items.count, cacheable: true)
        }
    }

    private func vocabulary(_ request: Request, name: String) async -> Response {
        await serve(request, event: "doc", scopes: nil) { _ in
            guard let values = self.vocabularies.values[name] else {
                return .failure(.notFound, "no vocabulary '\(name)'; known: \(Vocabularies.documented.map(\.path).joined(separator: ", "))")
            }
            let items = values.map {
                JSONText.object(["value": .string($0.value), "label": .string($0.label), "description": $0.description.map(JSONText.Value.string) ?? .null])
            }
            return APIOutcome(json: "[" + items.joined(separator: ",") + "]", resultCount: items.count, cacheable: true)
        }
    }

    // MARK: shared handling

    /// Where a search stands: with a commune, its point (or lat/lon when
    /// also given) and the zone codes that cover it (commune, the commune an
    /// arrondissement belongs to, département, EPCI, France). Without a
    /// commune, `/search/services` ignores lat/lon as data·inclusion does.
    /// An unknown commune is a 422.
    func anchor(for parameters: ListParameters) async throws
        -> (point: (latitude: Double, longitude: Double)?, zones: [String]?) {
        var point: (latitude: Double, longitude: Double)?
        var zones: [String]?
        if let code = parameters.codeCommune {
            guard let commune = try await communes.commune(code) else {
                // data·inclusion answers this one with a plain detail
                throw APIFailure.unprocessable("This `code_commune` does not exist.")
            }
            point = (commune.latitude, commune.longitude)
            zones = [code, commune.departement, "france", "99100"] + (commune.epci.map { [$0] } ?? []) + (commune.parent.map { [$0] } ?? [])
        }
        guard zones != nil else { return (nil, nil) }
        if let latitude = parameters.latitude, let longitude = parameters.longitude { point = (latitude, longitude) }
        return (point, zones)
    }

    private func hiddenFromDetails(_ token: AccessToken?) -> [String] {
        token.map { policy.hiddenFromDetails(for: $0) } ?? policy.restrictedSources.keys.sorted()
    }

    private func hidden(_ token: AccessToken?) -> [String] {
        token.map { policy.hiddenSources(for: $0) } ?? policy.restrictedSources.keys.sorted()
    }

    private func version(for parameters: ListParameters?) async throws -> MartsReader.Version {
        if let cursor = parameters?.cursor {
            guard let version = try await reader.version(pinnedTo: cursor) else { throw APIFailure.cursorExpired(cursor.version) }
            return version
        }
        guard let version = try await reader.version(pinnedTo: nil) else { throw APIFailure.nothingPublished }
        return version
    }

    /// Authentication, scope, rate limit, errors as JSON bodies, and the
    /// consumption event, around one endpoint's work.
    func serve(_ request: Request, event: String, scopes: Set<TokenScope>?, filters: [String: UsedValue] = [:],
                       _ work: @Sendable (AccessToken?) async throws -> APIOutcome) async -> Response {
        let started = ContinuousClock.now
        let userAgent = request.headers[.userAgent]
        var token: AccessToken?
        var outcome: APIOutcome
        do {
            if let scopes {
                let verified = try await authenticate(request)
                token = verified
                guard scopes.contains(where: verified.allows) else { throw APIFailure.forbidden(verified.scopes, needed: scopes) }
                if let wait = await limiter.admit(verified) { throw APIFailure.rateLimited(seconds: wait) }
            }
            outcome = try await work(token)
        } catch let error as ParameterError {
            outcome = .invalid(error)
        } catch let errors as ParameterErrors {
            outcome = .invalid(errors.errors)
        } catch let failure as APIFailure {
            outcome = failure.outcome
        } catch let failure as TokenAuthority.Failure {
            outcome = APIFailure.unauthenticated(failure).outcome
        } catch {
            request.logger(database).error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(String(reflecting: error))"])
            outcome = .failure(.internalServerError, "the request could not be answered; the error was logged")
        }
        if outcome.filtersJSON == "{}" && !filters.isEmpty { outcome.filtersJSON = Self.filtersJSON(filters) }
        let response = outcome.response(for: request)
        let isBot = BotDetector.isBot(userAgent: userAgent)
        if token != nil || isBot {
            let elapsed = ContinuousClock.now - started
            await recorder.record(ConsumptionEvent(
                occurredAt: Date(), eventType: event, tokenID: token?.tokenID, subject: token?.subject,
                method: request.method.rawValue, endpoint: event, path: request.uri.path, status: Int(response.status.code),
                filtersJSON: outcome.filtersJSON, resultCount: outcome.resultCount, page: outcome.page, size: outcome.size,
                latencyMilliseconds: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
                origin: request.headers[.origin] ?? request.headers[.referer], userAgent: userAgent, isBot: isBot,
                dataVersion: outcome.dataVersion))
        }
        return response
    }

    private func authenticate(_ request: Request) async throws -> AccessToken {
        guard let header = request.headers[.authorization] else { throw TokenAuthority.Failure.missing }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw TokenAuthority.Failure.invalid("the Authorization header must read 'Bearer <token>'")
        }
        return try await authority.verify(String(parts[1]))
    }
}

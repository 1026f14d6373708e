import Foundation
import HTTPTypes
import Hummingbird

/// `/api/v0/structures`, `/api/v0/services` and `/api/v0/search/services`:
/// the published data in the v0 shapes (docs/v0.md) for the consumers built
/// on data·inclusion's v0 API, with its parameters and its page envelope
/// (`items, total, page, size, pages`, as v1's). Same token, scope, source
/// visibility, rate limit and consumption events as v1; the events are
/// named `v0_<v1 name>` so that v1's event views keep v1's values only.
extension APIServer {
    func addV0Routes(to router: Router<BasicRequestContext>) {
        let v0 = router.group("api/v0")
        v0Route(v0, "structures") { request in await self.v0Structures(request) }
        v0Route(v0, "services") { request in await self.v0Services(request) }
        v0Route(v0, "search/services") { request in await self.v0SearchServices(request) }
    }

    /// A GET route; other methods are answered 405, as v1's.
    private func v0Route(_ group: RouterGroup<BasicRequestContext>, _ path: RouterPath,
                         _ handler: @escaping @Sendable (Request) async -> Response) {
        group.get(path) { request, _ in await handler(request) }
        for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
            group.on(path, method: method) { request, _ in
                var response = APIOutcome.failure(.methodNotAllowed, "Method Not Allowed").response(for: request)
                response.headers[.allow] = "GET"
                return response
            }
        }
    }

    private func v0Structures(_ request: Request) async -> Response {
        await serve(request, event: "v0_list_structures", scopes: [.api]) { token in
            let parameters = try await self.v0Parameters(request, endpoint: .structures)
            let version = try await self.v0PublishedVersion()
            let page = try await self.reader.v0Structures(parameters, hiddenSources: self.v0Hidden(token))
            return self.v0Envelope(page, parameters: parameters, version: version)
        }
    }

    private func v0Services(_ request: Request) async -> Response {
        await serve(request, event: "v0_list_services", scopes: [.api]) { token in
            let parameters = try await self.v0Parameters(request, endpoint: .services)
            let version = try await self.v0PublishedVersion()
            let page = try await self.reader.v0Services(parameters, hiddenSources: self.v0Hidden(token))
            return self.v0Envelope(page, parameters: parameters, version: version)
        }
    }

    private func v0SearchServices(_ request: Request) async -> Response {
        await serve(request, event: "v0_search_services", scopes: [.api]) { token in
            let parameters = try await self.v0Parameters(request, endpoint: .searchServices)
            var anchor: MartsReader.V0Anchor?
            if let code = parameters.codeCommune {
                guard let commune = try await self.communes.commune(code) else {
                    throw APIFailure.unprocessable("This `code_commune` does not exist.")
                }
                anchor = MartsReader.V0Anchor(latitude: parameters.latitude ?? commune.latitude, longitude: parameters.longitude ?? commune.longitude,
                                              communes: [code] + (commune.parent.map { [$0] } ?? []),
                                              departement: commune.departement, epci: commune.epci)
            }
            let version = try await self.v0PublishedVersion()
            let page = try await self.reader.v0SearchServices(parameters, hiddenSources: self.v0Hidden(token), anchor: anchor)
            return self.v0Envelope(page, parameters: parameters, version: version)
        }
    }

    private func v0Parameters(_ request: Request, endpoint: V0Parameters.Endpoint) async throws -> V0Parameters {
        // no v0 seeds: the database was last refreshed before the v0 shapes existed
        guard let values = try await v0Vocabularies.values() else { throw APIFailure.nothingPublished }
        return try V0Parameters(request.queryPairs, endpoint: endpoint, vocabularies: values, territories: vocabularies)
    }

    private func v0PublishedVersion() async throws -> Int64 {
        let (viewsExist, version) = try await reader.v0Version()
        // the views are made at each publication (ops.create_v0_views)
        guard let version, viewsExist else { throw APIFailure.nothingPublished }
        return version
    }

    /// As v1: a token sees the sources its subject is allowed.
    private func v0Hidden(_ token: AccessToken?) -> [String] {
        token.map { policy.hiddenSources(for: $0) } ?? policy.restrictedSources.keys.sorted()
    }

    /// data·inclusion's page, as v1's envelope writes it (no cursor in v0).
    private func v0Envelope(_ page: MartsReader.Page, parameters: V0Parameters, version: Int64) -> APIOutcome {
        let fields: [String: JSONText.Value] = [
            "items": .raw(page.itemsJSON), "total": .int(page.total), "page": .int(parameters.page), "size": .int(page.returnedCount),
            "pages": .int(page.total == 0 ? 0 : (page.total + parameters.size - 1) / parameters.size),
        ]
        return APIOutcome(json: JSONText.object(fields), resultCount: page.total, page: parameters.page, size: parameters.size,
                          filtersJSON: Self.filtersJSON(parameters.used), dataVersion: version)
    }
}

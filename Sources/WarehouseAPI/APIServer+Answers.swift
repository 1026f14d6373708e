import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import WarehouseDatabase

extension APIServer {
    /// data·inclusion's page: exactly `items, total, page, size, pages`, with
    /// `size` the number of items returned and `pages` counted with the size
    /// asked (as its FastAPI code does), because consumers parse it into a
    /// fixed record. The data version travels in `X-Data-Version`; a client
    /// that asked for a cursor also gets `data_version` and `next` in the
    /// body, and the next page in a `Link` header.
    func envelope(_ page: MartsReader.Page, parameters: ListParameters, version: MartsReader.Version, request: Request) -> APIOutcome {
        let returned = page.returnedCount
        var fields: [String: JSONText.Value] = [
            "items": .raw(page.itemsJSON), "total": .int(page.total), "page": .int(parameters.page), "size": .int(returned),
            "pages": .int(page.total == 0 ? 0 : (page.total + parameters.size - 1) / parameters.size),
        ]
        var headers: [(HTTPField.Name, String)] = []
        if parameters.usesCursor {
            fields["data_version"] = .int64(version.number)
            if let lastKey = page.lastKey, returned > 0 {
                let cursor = Cursor(version: version.number, after: lastKey)
                let next = request.uri.replacingQueryParameter("cursor", with: cursor.encoded)
                fields["next"] = .string(next)
                headers.append((HTTPField.Name("Link")!, "<\(next)>; rel=\"next\""))
            } else {
                fields["next"] = .null
            }
        }
        return APIOutcome(json: JSONText.object(fields), resultCount: page.total, page: parameters.page, size: parameters.size,
                          filtersJSON: Self.filtersJSON(parameters.used), dataVersion: version.number, headers: headers)
    }

    /// NUL characters are dropped: jsonb refuses `\u0000`, and one such
    /// event would hold back every event of its batch.
    static func filtersJSON(_ used: [String: UsedValue]) -> String {
        let clean = used.mapValues { value -> UsedValue in
            switch value {
            case .one(let text): return .one(text.replacingOccurrences(of: "\u{0}", with: ""))
            case .many(let texts): return .many(texts.map { $0.replacingOccurrences(of: "\u{0}", with: "") })
            }
        }
        return (try? String(decoding: JSONEncoder().encode(clean), as: UTF8.self)) ?? "{}"
    }
}

/// Failures with their status and body.
enum APIFailure: Error {
    case unauthenticated(TokenAuthority.Failure)
    case forbidden(Set<TokenScope>, needed: Set<TokenScope>)
    case rateLimited(seconds: Double)
    case cursorExpired(Int64)
    /// A 422 whose detail is a sentence, as data·inclusion raises some.
    case unprocessable(String)
    case nothingPublished

    var outcome: APIOutcome {
        switch self {
        case .unauthenticated(let failure):
            let detail: String
            switch failure {
            case .missing: detail = "Not authenticated: send 'Authorization: Bearer <token>' (warehouse token create)"
            case .invalid(let reason): detail = "Invalid token: \(reason)"
            case .revoked: detail = "Invalid token: it was revoked or has expired"
            }
            var outcome = APIOutcome.failure(.unauthorized, detail)
            outcome.headers = [(.wwwAuthenticate, "Bearer")]
            return outcome
        case .forbidden(let scopes, let needed):
            return .failure(.forbidden, "this token's scopes (\(scopes.map(\.rawValue).sorted().joined(separator: ", "))) do not include \(needed.map(\.rawValue).sorted().joined(separator: " or "))")
        case .rateLimited(let seconds):
            var outcome = APIOutcome.failure(.tooManyRequests, "too many requests for this token; retry after the delay in Retry-After")
            outcome.headers = [(.retryAfter, String(max(1, Int(seconds.rounded(.up)))))]
            return outcome
        case .cursorExpired(let version):
            return .failure(.gone, "cursor expired: data version \(version) is no longer kept; start again with cursor=start")
        case .unprocessable(let detail):
            return .failure(.unprocessableContent, detail)
        case .nothingPublished:
            return .failure(.serviceUnavailable, "no data published yet: run `warehouse refresh`")
        }
    }
}

extension Request {
    /// The query as (name, value) pairs in order, form-decoded (`+` is a space).
    var queryPairs: [(String, String)] {
        FormQuery.pairs(uri.query ?? "")
    }

    func logger(_ database: Database) -> Logger { database.logger }
}

extension URI {
    /// This request's path and query with one parameter replaced.
    func replacingQueryParameter(_ name: String, with value: String) -> String {
        var components = URLComponents()
        components.path = path
        components.queryItems = FormQuery.pairs(query ?? "").filter { $0.0 != name }.map { URLQueryItem(name: $0.0, value: $0.1) }
            + [URLQueryItem(name: name, value: value)]
        return components.string ?? path
    }
}

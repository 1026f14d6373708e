import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Routes of data·inclusion's API outside `/api/v1`, kept so its consumers
/// and operators find them: `/robots.txt`, the admin's `/auth/create_token`
/// and the widget's `/widget/?token=…`.
extension APIServer {
    static var robots: Response {
        Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: "User-agent: *\nAllow: /api/docs\nDisallow: /\n")))
    }

    /// `POST /auth/create_token` (admin): `{email, hosts?, scopes?}` →
    /// `{access, allowed_hosts}`; scopes default to widget when hosts are
    /// given, else api, as data·inclusion. The token is one of ours (with its
    /// row, revocable) and works at once.
    func createToken(_ request: Request) async -> Response {
        await serve(request, event: "create_token", scopes: [.admin]) { _ in
            var request = request
            let body = try await request.collectBody(upTo: 65_536)
            let json = try? JSONSerialization.jsonObject(with: Data(buffer: body))
            guard let fields = json as? [String: Any] else {
                throw ParameterError("body", "Input should be a valid dictionary or object to extract fields from", location: "body", type: "model_attributes_type")
            }
            guard let email = fields["email"] as? String else {
                throw ParameterError("email", "Field required", location: "body", type: "missing")
            }
            let hosts = (fields["hosts"] as? [String] ?? []).filter { !$0.isEmpty }.map { value in
                URL(string: value)?.host ?? value
            }
            var scopes: Set<TokenScope> = hosts.isEmpty ? [.api] : [.widget]
            if let names = fields["scopes"] as? [String], !names.isEmpty {
                guard let known = Optional(names.compactMap { ["api", "widget"].contains($0) ? TokenScope(rawValue: $0) : nil }),
                      known.count == names.count else {
                    throw ParameterError("scopes", "Input should be 'api' or 'widget'", location: "body", type: "literal_error")
                }
                scopes = Set(known)
            }
            guard let issuer = self.tokenIssuer else {
                return .failure(.serviceUnavailable, "token creation is not configured on this server")
            }
            let issued = try await issuer.issue(subject: email, scopes: scopes, expiresIn: nil)
            return APIOutcome(json: JSONText.object([
                "access": .string(issued.token), "allowed_hosts": hosts.isEmpty ? .null : .strings(hosts),
            ]))
        }
    }

    /// `GET /widget/?token=…`: the token comes in the query string (the page
    /// is embedded in an iframe). As data·inclusion: an invalid token is a
    /// 403; a data·inclusion widget token must name the embedding host (or
    /// `*`); one of ours needs the widget scope. The page lists the services
    /// of the search its parameters describe, duplicates excluded.
    func widget(_ request: Request) async -> Response {
        let pairs = request.queryPairs
        guard let text = pairs.last(where: { $0.0 == "token" })?.1 else {
            return APIOutcome.invalid(ParameterError("token", "Field required", type: "missing")).response(for: request)
        }
        guard let token = try? await authority.verify(text) else {
            return APIOutcome.failure(.forbidden, "Invalid widget token.").response(for: request)
        }
        if let refusal = Self.widgetRefusal(token, origin: request.headers[.origin] ?? request.headers[.referer], host: request.head.authority) {
            return APIOutcome.failure(.forbidden, refusal).response(for: request)
        }
        do {
            let query = pairs.filter { !["token", "exclure_doublons"].contains($0.0) } + [("exclure_doublons", "true")]
            var parameters = try ListParameters(query, endpoint: .searchServices, vocabularies: vocabularies)
            if !pairs.contains(where: { $0.0 == "size" }) { parameters.size = 12 }
            let (anchor, zones) = try await self.anchor(for: parameters)
            guard let version = try await reader.version(pinnedTo: nil) else {
                return APIOutcome.failure(.serviceUnavailable, "no data published yet").response(for: request)
            }
            let page = try await reader.searchServices(parameters, // as data·inclusion's widget: restricted sources never shown
                                                       hiddenSources: policy.restrictedSources.keys.sorted(), version: version,
                                                       anchor: anchor, communeZones: zones)
            return WidgetPage.render(page)
        } catch let error as ParameterError {
            return APIOutcome.invalid(error).response(for: request)
        } catch let errors as ParameterErrors {
            return APIOutcome.invalid(errors.errors).response(for: request)
        } catch let failure as APIFailure {
            return failure.outcome.response(for: request)
        } catch {
            request.logger(database).error("widget failed", metadata: ["error": "\(String(reflecting: error))"])
            return APIOutcome.failure(.internalServerError, "the request could not be answered; the error was logged").response(for: request)
        }
    }

    /// Why this token may not show the widget here, or nil.
    static func widgetRefusal(_ token: AccessToken, origin: String?, host: String?) -> String? {
        guard let allowed = token.allowedHosts else {
            return token.allows(.widget) ? nil : "Widget access not configured for this token."
        }
        let hosts = allowed.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "* ")) }.filter { !$0.isEmpty }
        guard !allowed.filter({ !$0.trimmingCharacters(in: .whitespaces).isEmpty }).isEmpty else {
            return "Widget access not configured for this token."
        }
        if allowed.contains(where: { $0.trimmingCharacters(in: .whitespaces) == "*" }) { return nil }
        let ownHost = host.map { String($0.split(separator: ":").first ?? "") }
        let originHost = origin.flatMap { URL(string: $0)?.host } ?? ownHost
        guard let originHost, !originHost.isEmpty else { return "Origin not allowed for this token." }
        if ["localhost", "127.0.0.1"].contains(originHost) || originHost == ownHost || hosts.contains(where: { originHost.hasSuffix($0) }) {
            return nil
        }
        return "Origin not allowed for this token."
    }
}

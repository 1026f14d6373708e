import Foundation
import JWTKit

/// What an API token grants. `api` reads the data, `widget` the search a
/// public widget needs, `admin` everything including the consumption figures.
public enum TokenScope: String, Sendable, CaseIterable, Codable {
    case api, widget, admin
}

/// The claims of a warehouse token: who (`sub`), which token (`jti`, the key
/// of api.tokens, so it can be revoked), what it may do (`scope`) and until
/// when (`exp`, optional).
struct TokenClaims: JWTPayload {
    var sub: SubjectClaim
    var jti: IDClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim?
    var scope: [String]

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp?.verifyNotExpired()
    }
}

/// A token that passed every check, attached to the request.
public struct AccessToken: Sendable {
    public let tokenID: UUID
    public let subject: String
    public let scopes: Set<TokenScope>
    /// For a data·inclusion widget token: the hosts that may embed the widget.
    public var allowedHosts: [String]? = nil

    public func allows(_ scope: TokenScope) -> Bool { scopes.contains(scope) || scopes.contains(.admin) }
}

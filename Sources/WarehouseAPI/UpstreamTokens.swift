import Crypto
import Foundation

/// Tokens issued by data·inclusion's own API, accepted when `warehouse
/// serve` is given its signing secret, so that an operator moving from it
/// keeps its consumers' tokens. Those are HS256 JWTs without an id:
/// `{sub, scopes, created_at, allowed_hosts?}`, or the older
/// `{sub, admin?, allowed_origins?}` (widget when it names origins, else api,
/// plus admin). They are valid as soon as they are signed and have no row to
/// revoke: removing or rotating the secret withdraws them all.
struct UpstreamTokens: Sendable {
    let key: SymmetricKey

    init(secret: String) {
        key = SymmetricKey(data: Data(secret.utf8))
    }

    /// What an upstream token grants, or nil when the token is not one
    /// (another format, another key, expired).
    func verify(_ token: String) -> AccessToken? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
              let headerData = Self.base64URL(parts[0]), let payloadData = Self.base64URL(parts[1]), let signature = Self.base64URL(parts[2]),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any], header["alg"] as? String == "HS256",
              HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key),
              let claims = try? JSONSerialization.jsonObject(with: payloadData) as? [String: Any],
              claims["jti"] == nil, let subject = claims["sub"] as? String, !subject.isEmpty
        else { return nil }
        if let expiry = claims["exp"] as? NSNumber, expiry.doubleValue < Date().timeIntervalSince1970 { return nil }
        var scopes: Set<TokenScope>
        if let names = claims["scopes"] as? [String], claims["created_at"] is String {
            scopes = Set(names.compactMap(TokenScope.init(rawValue:)))
        } else {
            let origins = claims["allowed_origins"] as? [String] ?? []
            scopes = origins.isEmpty ? [.api] : [.widget]
            if claims["admin"] as? Bool == true, origins.isEmpty { scopes.insert(.admin) }
        }
        let hosts = (claims["allowed_hosts"] as? [String] ?? []) + (claims["allowed_origins"] as? [String] ?? [])
        return AccessToken(tokenID: Self.stableID(of: token), subject: subject, scopes: scopes, allowedHosts: hosts)
    }

    /// The same token always counts as the same id in the consumption events.
    static func stableID(of token: String) -> UUID {
        let digest = Array(SHA256.hash(data: Data(token.utf8)))
        return UUID(uuid: (digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], (digest[6] & 0x0F) | 0x50, digest[7],
                           (digest[8] & 0x3F) | 0x80, digest[9], digest[10], digest[11], digest[12], digest[13], digest[14], digest[15]))
    }

    static func base64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}

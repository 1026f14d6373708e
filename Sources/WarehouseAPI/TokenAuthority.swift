import Crypto
import Foundation
import JWTKit
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Issues, verifies and revokes API tokens (JWT HS256). A token is valid when
/// its signature and expiry hold and api.tokens knows it unrevoked; the
/// revocation list is read at most every `revocationCacheSeconds`, so a
/// revoked token stops working within that delay without a query per request.
public actor TokenAuthority {
    public static let revocationCacheSeconds: TimeInterval = 10

    public enum Failure: Error, Equatable {
        case missing
        case invalid(String)
        case revoked
    }

    let database: Database
    private let keys: JWTKeyCollection
    private let revocationCacheSeconds: TimeInterval
    private var validTokenIDs: Set<UUID> = []
    private var validTokensReadAt: Date = .distantPast

    private init(database: Database, keys: JWTKeyCollection, revocationCacheSeconds: TimeInterval) {
        self.database = database
        self.keys = keys
        self.revocationCacheSeconds = revocationCacheSeconds
    }

    /// The signing secret: WAREHOUSE_API_SECRET when set, else the newest key
    /// of api.signing_keys (made once, from the system's secure random source).
    public static func load(_ database: Database, environment: [String: String] = ProcessInfo.processInfo.environment,
                            revocationCacheSeconds: TimeInterval = TokenAuthority.revocationCacheSeconds) async throws -> TokenAuthority {
        let secrets: [[UInt8]]
        if let secret = environment["WAREHOUSE_API_SECRET"], !secret.isEmpty {
            guard secret.utf8.count >= 32 else {
                throw WarehouseError.invalidArgument("WAREHOUSE_API_SECRET must hold at least 32 characters")
            }
            secrets = [Array(secret.utf8)]
        } else {
            secrets = try await storedSecrets(database)
        }
        let keys = JWTKeyCollection()
        for (index, secret) in secrets.enumerated() {
            // The first key signs (no kid); the older ones only verify.
            await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256,
                           kid: index == 0 ? nil : JWKIdentifier(string: "key-\(index)"))
        }
        return TokenAuthority(database: database, keys: keys, revocationCacheSeconds: revocationCacheSeconds)
    }

    private static func storedSecrets(_ database: Database) async throws -> [[UInt8]] {
        if try await database.scalarInt("select count(*) from api.signing_keys") == 0 {
            let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            _ = try await database.query("insert into api.signing_keys (secret) values (\(ByteBuffer(bytes: secret)))")
        }
        return try await database.rows("select secret from api.signing_keys order by key_id desc").map {
            Array(try $0.decode(ByteBuffer.self).readableBytesView)
        }
    }

    /// Issues a token and records it; returns the token text (shown once).
    public func issue(subject: String, scopes: Set<TokenScope>, expiresIn: TimeInterval?) async throws -> (token: String, id: UUID) {
        guard !subject.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw WarehouseError.invalidArgument("a token needs a subject (who uses it), e.g. --subject emplois-de-linclusion")
        }
        guard !scopes.isEmpty else { throw WarehouseError.invalidArgument("a token needs at least one scope") }
        let id = UUID()
        let now = Date()
        let expiry = expiresIn.map { now.addingTimeInterval($0) }
        let claims = TokenClaims(sub: .init(value: subject), jti: .init(value: id.uuidString.lowercased()), iat: .init(value: now),
                                 exp: expiry.map { .init(value: $0) }, scope: scopes.map(\.rawValue).sorted())
        let token = try await keys.sign(claims)
        let scopeNames = scopes.map(\.rawValue).sorted()
        _ = try await database.query("""
            insert into api.tokens (token_id, subject, scopes, expires_at) values (\(id), \(subject), \(scopeNames), \(expiry))
            """)
        validTokensReadAt = .distantPast
        return (token, id)
    }

    /// Checks a bearer token: signature, expiry, known and not revoked.
    public func verify(_ token: String) async throws -> AccessToken {
        let claims: TokenClaims
        do {
            claims = try await keys.verify(token, as: TokenClaims.self, iteratingKeys: true)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw Failure.invalid("the token has expired")
        } catch {
            throw Failure.invalid("the token is not a valid warehouse token")
        }
        guard let id = UUID(uuidString: claims.jti.value) else { throw Failure.invalid("the token has no valid id") }
        try await refreshValidTokensIfStale()
        guard validTokenIDs.contains(id) else { throw Failure.revoked }
        return AccessToken(tokenID: id, subject: claims.sub.value,
                           scopes: Set(claims.scope.compactMap(TokenScope.init(rawValue:))))
    }

    private func refreshValidTokensIfStale() async throws {
        guard Date().timeIntervalSince(validTokensReadAt) >= revocationCacheSeconds else { return }
        let rows = try await database.rows("""
            select token_id from api.tokens where revoked_at is null and (expires_at is null or expires_at > now())
            """)
        validTokenIDs = Set(try rows.map { try $0.decode(UUID.self) })
        validTokensReadAt = Date()
    }
}

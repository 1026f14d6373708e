import Crypto
import Foundation
import JWTKit
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Issues, verifies and revokes API tokens (JWT HS256). A token is valid when
/// its signature and expiry hold and api.tokens knows it unrevoked, with the
/// subject and scopes its claims state: a token signed with a leaked key
/// cannot grant itself more than its row. The valid tokens are read at most
/// every `revocationCacheSeconds`, so a revoked token stops working within
/// that delay without a query per request; a token the cache lacks (issued
/// since) is looked up alone, at most `unknownTokenLookupsPerSecond` a
/// second, so that a flood of unknown ids cannot keep the database busy.
public actor TokenAuthority {
    public static let revocationCacheSeconds: TimeInterval = 10
    public static let unknownTokenLookupsPerSecond = 10

    public enum Failure: Error, Equatable {
        case missing
        case invalid(String)
        case revoked
    }

    /// What api.tokens says a token may do.
    struct Grant: Equatable {
        let subject: String
        let scopes: Set<String>
    }

    let database: Database
    private let keys: JWTKeyCollection
    /// data·inclusion's tokens, when its signing secret was given.
    private let upstream: UpstreamTokens?
    private let revocationCacheSeconds: TimeInterval
    private var validTokens: [UUID: Grant] = [:]
    private var validTokensReadAt: Date = .distantPast
    /// Ids looked up alone and found invalid since the last full read.
    private var refusedTokenIDs: Set<UUID> = []
    private var lookupSecond: Int = 0
    private var lookupsThisSecond = 0
    /// Single-token lookups made, for the tests of their limit.
    private(set) var unknownTokenLookups = 0

    private init(database: Database, keys: JWTKeyCollection, revocationCacheSeconds: TimeInterval, upstream: UpstreamTokens?) {
        self.database = database
        self.keys = keys
        self.upstream = upstream
        self.revocationCacheSeconds = revocationCacheSeconds
    }

    /// The signing secret: WAREHOUSE_API_SECRET when set, else the newest key
    /// of api.signing_keys (made once, from the system's secure random source).
    /// `upstreamSecret`: data·inclusion's signing secret, whose tokens are then
    /// accepted too (UpstreamTokens).
    public static func load(_ database: Database, environment: [String: String] = ProcessInfo.processInfo.environment,
                            revocationCacheSeconds: TimeInterval = TokenAuthority.revocationCacheSeconds,
                            upstreamSecret: String? = nil) async throws -> TokenAuthority {
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
        return TokenAuthority(database: database, keys: keys, revocationCacheSeconds: revocationCacheSeconds,
                              upstream: upstreamSecret.flatMap { $0.isEmpty ? nil : UpstreamTokens(secret: $0) })
    }

    /// Makes the first signing key when there is none. Only the owner can:
    /// the API role reads the keys, so `warehouse serve` calls this as the
    /// owner before it connects as the API.
    public static func ensureSigningKey(_ database: Database) async throws {
        guard try await database.scalarInt("select count(*) from api.signing_keys") == 0 else { return }
        let secret = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
        _ = try await database.query("insert into api.signing_keys (secret) values (\(ByteBuffer(bytes: secret)))")
    }

    private static func storedSecrets(_ database: Database) async throws -> [[UInt8]] {
        try await ensureSigningKey(database)
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

    /// Checks a bearer token: signature, expiry, known and not revoked, and
    /// the subject and scopes of its claims are those of its row (a token
    /// whose claims say more than its row is refused, not narrowed).
    public func verify(_ token: String) async throws -> AccessToken {
        if let upstream, let accepted = upstream.verify(token) { return accepted }
        let claims: TokenClaims
        do {
            claims = try await keys.verify(token, as: TokenClaims.self, iteratingKeys: true)
        } catch let error as JWTError where error.errorType == .claimVerificationFailure {
            throw Failure.invalid("the token has expired")
        } catch {
            throw Failure.invalid("the token is not a valid warehouse token")
        }
        guard let id = UUID(uuidString: claims.jti.value) else { throw Failure.invalid("the token has no valid id") }
        guard let grant = try await validGrant(of: id) else { throw Failure.revoked }
        guard grant == Grant(subject: claims.sub.value, scopes: Set(claims.scope)) else {
            throw Failure.invalid("its subject or scopes are not those it was issued with")
        }
        return AccessToken(tokenID: id, subject: grant.subject, scopes: Set(grant.scopes.compactMap(TokenScope.init(rawValue:))))
    }

    /// The row of a valid token: from the cache, else looked up alone
    /// (within the rate), else nil.
    private func validGrant(of id: UUID) async throws -> Grant? {
        try await refreshValidTokensIfStale()
        if let grant = validTokens[id] { return grant }
        guard !refusedTokenIDs.contains(id), admitLookup() else { return nil }
        unknownTokenLookups += 1
        let rows = try await database.query("""
            select subject, scopes from api.tokens
            where token_id = \(id) and revoked_at is null and (expires_at is null or expires_at > now())
            """)
        guard let row = rows.first else {
            refusedTokenIDs.insert(id)
            return nil
        }
        let (subject, scopes) = try row.decode((String, [String]).self)
        let grant = Grant(subject: subject, scopes: Set(scopes))
        validTokens[id] = grant
        return grant
    }

    private func admitLookup() -> Bool {
        let second = Int(Date().timeIntervalSince1970)
        if second != lookupSecond {
            lookupSecond = second
            lookupsThisSecond = 0
        }
        guard lookupsThisSecond < Self.unknownTokenLookupsPerSecond else { return false }
        lookupsThisSecond += 1
        return true
    }

    private func refreshValidTokensIfStale() async throws {
        guard Date().timeIntervalSince(validTokensReadAt) >= revocationCacheSeconds else { return }
        let rows = try await database.rows("""
            select token_id, subject, scopes from api.tokens
            where revoked_at is null and (expires_at is null or expires_at > now())
            """)
        var grants: [UUID: Grant] = [:]
        for row in rows {
            let (id, subject, scopes) = try row.decode((UUID, String, [String]).self)
            grants[id] = Grant(subject: subject, scopes: Set(scopes))
        }
        validTokens = grants
        refusedTokenIDs = []
        validTokensReadAt = Date()
    }
}

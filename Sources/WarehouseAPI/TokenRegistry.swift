import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The tokens issued, for `warehouse token list|revoke`.
public struct TokenRegistry: Sendable {
    public struct Entry: Sendable {
        public let tokenID: UUID
        public let subject: String
        public let scopes: [String]
        public let createdAt: Date
        public let expiresAt: Date?
        public let revokedAt: Date?
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    public func list() async throws -> [Entry] {
        try await database.rows("""
            select token_id, subject, scopes, created_at, expires_at, revoked_at from api.tokens order by created_at, token_id
            """).map { row in
            let (id, subject, scopes, created, expires, revoked) = try row.decode((UUID, String, [String], Date, Date?, Date?).self)
            return Entry(tokenID: id, subject: subject, scopes: scopes, createdAt: created, expiresAt: expires, revokedAt: revoked)
        }
    }

    /// Revokes one token by id, or every live token of a subject; returns
    /// how many were revoked.
    public func revoke(tokenID: UUID?, subject: String?, reason: String?) async throws -> Int {
        guard tokenID != nil || subject != nil else {
            throw WarehouseError.invalidArgument("name the token to revoke: --id UUID or --subject NAME")
        }
        return try await database.query("""
            update api.tokens set revoked_at = now(), revoked_reason = \(reason)
            where revoked_at is null
              and (\(tokenID)::uuid is null or token_id = \(tokenID))
              and (\(subject)::text is null or subject = \(subject))
            returning token_id
            """).count
    }
}

import Foundation
import WarehouseDatabase

/// Connects as one of the warehouse's roles without knowing its password:
/// a login role made for the test, member of that role and so with exactly
/// its privileges, with a password of its own, dropped afterwards. The real
/// roles' passwords are left alone (on the embedded cluster, the ones in its
/// secrets folder are what `warehouse db url --role` prints).
public enum RoleStandIn {
    public static func with<T: Sendable>(
        _ role: WarehouseRole, on url: DatabaseURL, _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let name = "\(role.roleName)_stand_in_\(suffix)"
        let password = UUID().uuidString.lowercased() + UUID().uuidString.lowercased()
        try await TestDatabase.admin(url) {
            try await $0.execute("create role \(name) login inherit in role \(role.roleName) password '\(password)'")
        }
        var standIn = url
        standIn.username = name
        standIn.password = password
        do {
            let value = try await Database.with(standIn, logger: TestDatabase.logger, body)
            try await TestDatabase.admin(url) { try await $0.execute("drop role if exists \(name)") }
            return value
        } catch {
            try? await TestDatabase.admin(url) { try await $0.execute("drop role if exists \(name)") }
            throw error
        }
    }
}

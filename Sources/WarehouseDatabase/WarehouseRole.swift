import Logging
import PostgresNIO

/// Who connects: the owner (runs migrations and refreshes, owns every
/// object), the API (`warehouse serve`: reads the published versions,
/// writes consumption events) or an analyst (dashboards: read-only on
/// marts, reporting, dedup and ops). Migration 0019 creates the two roles
/// and their grants.
public enum WarehouseRole: String, CaseIterable, Sendable {
    case owner, api, analyst

    /// The PostgreSQL role; the owner's is the user of the URL (the
    /// embedded cluster's superuser there).
    public var roleName: String {
        switch self {
        case .owner: EmbeddedCluster.superuser
        case .api: "warehouse_api"
        case .analyst: "warehouse_analyst"
        }
    }

    /// The roles that are not the owner, each made by migration 0019.
    public static let readers: [WarehouseRole] = [.api, .analyst]
}

/// Keeps the roles' grants in place after migrating: a role a DBA created
/// after migration 0019 ran (the owner could not) gets them then; a role
/// still missing is reported once, when migrations were applied.
enum WarehouseRoleGrants {
    static func reconcile(on connection: PostgresConnection, user: String, justMigrated: Bool, logger: Logger) async throws {
        // a migrations folder without 0019 (an older checkout's tests) has nothing to reconcile
        let hasGrantFunction = try await connection.query(
            "select to_regprocedure('ops.grant_warehouse_roles()') is not null", logger: logger).collect()
        guard try hasGrantFunction.first?.decode(Bool.self) == true else { return }
        let names = WarehouseRole.readers.map(\.roleName)
        let rows = try await connection.query("""
            select rolname, has_schema_privilege(rolname, 'ops', 'usage')
            from pg_roles where rolname = any(\(names))
            """, logger: logger).collect()
        let granted = Dictionary(uniqueKeysWithValues: try rows.map { try $0.decode((String, Bool).self) })
        if granted.values.contains(false) {
            try await connection.query("select ops.grant_warehouse_roles()", logger: logger)
        }
        let missing = names.filter { granted[$0] == nil }
        if justMigrated && !missing.isEmpty {
            logger.warning("""
                roles \(missing.joined(separator: ", ")) do not exist and \(user) may not create them; \
                once an administrator has run `create role <name> login` for each, the next command grants \
                them their privileges (README, "Which database")
                """)
        }
    }
}

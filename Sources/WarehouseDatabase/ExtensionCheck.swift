import PostgresNIO
import WarehouseCore

/// The extensions the models rely on, and the Debian package bringing each.
public enum ExtensionCheck {
    public static func required(serverMajorVersion: Int) -> [(name: String, package: String)] {
        [
            ("pg_trgm", "postgresql-contrib"),
            ("unaccent", "postgresql-contrib"),
            ("fuzzystrmatch", "postgresql-contrib"),
            ("btree_gist", "postgresql-contrib"),
            ("postgis", "postgresql-\(serverMajorVersion)-postgis-3"),
        ]
    }

    /// Fails with the package to install when the server lacks an extension.
    public static func requireAvailable(_ database: Database) async throws {
        let versionNumber = try await database.scalarInt("select current_setting('server_version_num')::int")
        let available = Set(try await database.query("select name from pg_available_extensions")
            .map { try $0.decode(String.self) })
        for (name, package) in required(serverMajorVersion: versionNumber / 10000) where !available.contains(name) {
            throw WarehouseError.missingExtension(name: name, debianPackage: package)
        }
    }
}

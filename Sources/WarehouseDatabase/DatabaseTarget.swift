import Foundation
import WarehouseCore

/// Which database a command works on: `--database-url`, else `DATABASE_URL`,
/// else the embedded cluster, started on demand.
public enum DatabaseTarget {
    public static func resolve(explicitURL: String?) throws -> DatabaseURL {
        if let explicitURL, !explicitURL.isEmpty { return try DatabaseURL(parsing: explicitURL) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["DATABASE_URL"], !fromEnvironment.isEmpty {
            return try DatabaseURL(parsing: fromEnvironment)
        }
        return try EmbeddedCluster.fromEnvironment().start()
    }

    /// Where `warehouse serve` reads as the API role: `--api-database-url`,
    /// else `WAREHOUSE_API_DATABASE_URL`, else, on the embedded cluster,
    /// warehouse_api with its password. Nil for another server given
    /// without an API URL: the API then connects as the owner.
    public static func resolveAPI(explicitURL: String?, explicitAPIURL: String?) throws -> DatabaseURL? {
        let environment = ProcessInfo.processInfo.environment
        for candidate in [explicitAPIURL, environment["WAREHOUSE_API_DATABASE_URL"]] {
            if let candidate, !candidate.isEmpty { return try DatabaseURL(parsing: candidate) }
        }
        let ownerURLGiven = [explicitURL, environment["DATABASE_URL"]].contains { !($0 ?? "").isEmpty }
        if ownerURLGiven { return nil }
        let cluster = EmbeddedCluster.fromEnvironment()
        _ = try cluster.start()
        return try cluster.runningURL(role: .api)
    }
}

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
}

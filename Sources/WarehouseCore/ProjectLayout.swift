import Foundation

/// Where the project's SQL, models and demo snapshots live. The CLI is run
/// from the repository or from its build folder, so both are searched.
public struct ProjectLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public var migrationsDirectory: URL { root.appendingPathComponent("sql/migrations") }
    public var modelsDirectory: URL { root.appendingPathComponent("dbt-like-models") }
    public var demoSnapshotsDirectory: URL { root.appendingPathComponent("data/demo-snapshots") }

    /// Finds the project: an explicit folder, `WAREHOUSE_PROJECT_DIR`, the
    /// current folder or one of its parents, or the executable's parents.
    public static func locate(explicit: String? = nil) throws -> ProjectLayout {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["WAREHOUSE_PROJECT_DIR"] {
            candidates.append(URL(fileURLWithPath: fromEnvironment))
        }
        candidates += ancestors(of: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        candidates += ancestors(of: URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent())
        for candidate in candidates where isProject(candidate) {
            return ProjectLayout(root: candidate.standardizedFileURL)
        }
        throw WarehouseError.projectNotFound(searched: candidates.prefix(4).map(\.path))
    }

    private static func isProject(_ url: URL) -> Bool {
        let manager = FileManager.default
        return manager.fileExists(atPath: url.appendingPathComponent("sql/migrations").path)
            && manager.fileExists(atPath: url.appendingPathComponent("dbt-like-models").path)
    }

    private static func ancestors(of url: URL) -> [URL] {
        var result: [URL] = []
        var current = url.standardizedFileURL
        while current.path != "/" {
            result.append(current)
            current = current.deletingLastPathComponent()
        }
        return result
    }
}

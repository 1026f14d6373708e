import Foundation

/// Where the project's SQL, models, seeds, bundled data and configuration
/// live. Three layouts are recognised: the repository itself (run from it or
/// from its build folder), an installed prefix (`<prefix>/bin/warehouse`
/// beside `<prefix>/share/warehouse/`, as `scripts/install` lays it out), and
/// an explicit folder.
public struct ProjectLayout: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    /// The folders and files an installed binary needs next to it; everything
    /// else in the repository (Sources, Tests, docs, scripts) is not read at run time.
    public static let runtimeResources = ["sql", "dbt-like-models", "data", "config", "openapi.yaml"]

    /// Where an install prefix keeps the resources, relative to the prefix.
    public static let installedResourcesPath = "share/warehouse"

    public var migrationsDirectory: URL { root.appendingPathComponent("sql/migrations") }
    public var modelsDirectory: URL { root.appendingPathComponent("dbt-like-models") }
    public var demoSnapshotsDirectory: URL { root.appendingPathComponent("data/demo-snapshots") }

    /// Finds the project: an explicit folder, `WAREHOUSE_PROJECT_DIR`, the
    /// current folder or one of its parents, then the running executable's
    /// folders (the repository's `.build/<config>/`) and its install prefix's
    /// `share/warehouse`. The executable is found through the operating
    /// system, not `argv[0]`, so a binary reached through `PATH` or a symbolic
    /// link still finds its resources.
    public static func locate(explicit: String? = nil) throws -> ProjectLayout {
        var candidates: [URL] = []
        if let explicit { candidates.append(URL(fileURLWithPath: explicit)) }
        if let fromEnvironment = ProcessInfo.processInfo.environment["WAREHOUSE_PROJECT_DIR"] {
            candidates.append(URL(fileURLWithPath: fromEnvironment))
        }
        candidates += ancestors(of: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        if let executableFolder = runningExecutable()?.deletingLastPathComponent() {
            candidates.append(executableFolder.deletingLastPathComponent().appendingPathComponent(installedResourcesPath))
            candidates += ancestors(of: executableFolder)
        }
        for candidate in candidates where isProject(candidate) {
            return ProjectLayout(root: candidate.standardizedFileURL)
        }
        throw WarehouseError.projectNotFound(searched: candidates.prefix(5).map(\.path))
    }

    /// The real path of the running binary, symbolic links resolved.
    public static func runningExecutable() -> URL? {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: link).resolvingSymlinksInPath()
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
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

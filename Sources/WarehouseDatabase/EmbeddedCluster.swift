import Foundation
import WarehouseCore
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster private to the warehouse, under `$WAREHOUSE_HOME`
/// (default `./.warehouse`), listening on 127.0.0.1 and a unix socket.
/// When run as root it runs the server as the unprivileged `postgres` user,
/// because PostgreSQL refuses to run as root.
public struct EmbeddedCluster: Sendable {
    public static let databaseName = "warehouse"
    public static let superuser = "postgres"

    public enum Status: Sendable, Equatable {
        case notInitialized
        case stopped
        case running(port: Int)
    }

    public let home: URL
    let serverUser: String?

    public init(home: URL) {
        let runsAsRoot = getuid() == 0
        self.serverUser = runsAsRoot ? "postgres" : nil
        self.home = runsAsRoot ? Self.homeReachableByServer(home) : home
    }

    /// `$WAREHOUSE_HOME`, else `./.warehouse`.
    public static func fromEnvironment() -> EmbeddedCluster {
        let path = ProcessInfo.processInfo.environment["WAREHOUSE_HOME"] ?? ".warehouse"
        return EmbeddedCluster(home: URL(fileURLWithPath: path).standardizedFileURL)
    }

    var dataDirectory: URL { home.appendingPathComponent("pgdata") }
    var socketDirectory: URL { home.appendingPathComponent("run") }
    var logFile: URL { socketDirectory.appendingPathComponent("postgres.log") }
    var portFile: URL { home.appendingPathComponent("port") }

    public func status() throws -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return .notInitialized
        }
        let result = try ExternalCommand.run(try binaries().pgCtl, ["status", "-D", dataDirectory.path], asUser: serverUser)
        guard result.status == 0, let port = runningPort() else { return .stopped }
        return .running(port: port)
    }

    /// Initializes and starts the cluster when needed; returns its URL.
    @discardableResult
    public func start() throws -> DatabaseURL {
        let tools = try binaries()
        try prepareDirectories()
        if case .notInitialized = try status() { try initialize(tools) }
        if case .running(let port) = try status() { return url(port: port) }
        let port = try choosePort()
        // JIT compilation costs seconds per heavy model query and gains nothing on these plans.
        // The default 128 MB of shared buffers is less than what the API reads
        // at national scale (a version's search tables and documents are about
        // 300 MB at 100,000 structures): misses go to the kernel's cache, a
        // read call each.
        let options = "-p \(port) -k \(socketDirectory.path) -c listen_addresses=127.0.0.1 -c jit=off -c shared_buffers=\(Self.sharedBuffers)"
        let started = try ExternalCommand.run(tools.pgCtl, [
            "start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-o", options,
        ], asUser: serverUser)
        guard started.status == 0 else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
            throw WarehouseError.clusterFailed(step: "pg_ctl start", output: started.output + log)
        }
        try String(port).write(to: portFile, atomically: true, encoding: .utf8)
        try createWarehouseDatabase(tools, port: port)
        return url(port: port)
    }

    public static let sharedBuffers = "1GB"

    public func stop() throws {
        guard case .running = try status() else { return }
        let result = try ExternalCommand.run(try binaries().pgCtl, ["stop", "-D", dataDirectory.path, "-m", "fast", "-w"],
                                             asUser: serverUser)
        guard result.status == 0 else { throw WarehouseError.clusterFailed(step: "pg_ctl stop", output: result.output) }
    }

    /// The URL of the running cluster, or nil when it is not running.
    public func runningURL() throws -> DatabaseURL? {
        guard case .running(let port) = try status() else { return nil }
        return url(port: port)
    }

    func url(port: Int) -> DatabaseURL {
        DatabaseURL(username: Self.superuser, host: "127.0.0.1", port: port, database: Self.databaseName)
    }

    private func initialize(_ tools: Binaries) throws {
        let result = try ExternalCommand.run(tools.initdb, [
            "-D", dataDirectory.path, "-U", Self.superuser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
        ], asUser: serverUser)
        guard result.status == 0 else { throw WarehouseError.clusterFailed(step: "initdb", output: result.output) }
    }

    private func createWarehouseDatabase(_ tools: Binaries, port: Int) throws {
        let result = try ExternalCommand.run(tools.createdb, [
            "-h", socketDirectory.path, "-p", String(port), "-U", Self.superuser, Self.databaseName,
        ], asUser: serverUser)
        guard result.status == 0 || result.output.contains("already exists") else {
            throw WarehouseError.clusterFailed(step: "createdb", output: result.output)
        }
    }

    private func prepareDirectories() throws {
        let manager = FileManager.default
        for directory in [home, dataDirectory, socketDirectory] {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: dataDirectory.path)
        if let serverUser {
            for directory in [dataDirectory, socketDirectory] {
                try manager.setAttributes([.ownerAccountName: serverUser], ofItemAtPath: directory.path)
            }
        }
    }

    /// The port in `postmaster.pid` (fourth line) of the running server.
    private func runningPort() -> Int? {
        let pidFile = dataDirectory.appendingPathComponent("postmaster.pid")
        guard let text = try? String(contentsOf: pidFile, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return lines.count > 3 ? Int(lines[3].trimmingCharacters(in: .whitespaces)) : nil
    }

    /// The port used last time when it is still free, so URLs stay the same.
    private func choosePort() throws -> Int {
        if let text = try? String(contentsOf: portFile, encoding: .utf8),
           let previous = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), PortProbe.isFree(previous) {
            return previous
        }
        return try PortProbe.freePort()
    }

    /// The server user must reach the data folder; a home below a private
    /// folder (such as /root) is moved to /var/tmp, named after the original.
    static func homeReachableByServer(_ home: URL) -> URL {
        var ancestor = home.deletingLastPathComponent()
        while ancestor.path != "/" {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: ancestor.path),
               let permissions = attributes[.posixPermissions] as? Int, permissions & 0o001 == 0 {
                let digest = home.path.utf8.reduce(UInt64(14695981039346656037)) { ($0 ^ UInt64($1)) &* 1099511628211 }
                return URL(fileURLWithPath: "/var/tmp/inclusion-warehouse-\(String(digest, radix: 16))")
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        return home
    }

    struct Binaries {
        let initdb: String
        let pgCtl: String
        let createdb: String
    }

    func binaries() throws -> Binaries {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let debianDirectories = versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        let package = "postgresql"
        return Binaries(
            initdb: try ExternalCommand.locate("initdb", package: package, extraDirectories: debianDirectories),
            pgCtl: try ExternalCommand.locate("pg_ctl", package: package, extraDirectories: debianDirectories),
            createdb: try ExternalCommand.locate("createdb", package: package, extraDirectories: debianDirectories)
        )
    }
}

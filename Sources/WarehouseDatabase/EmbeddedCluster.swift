import Foundation
import WarehouseCore
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL cluster private to the warehouse, under `$WAREHOUSE_HOME`
/// (default `./.warehouse`), listening on 127.0.0.1 and a unix socket.
/// When run as root it runs the server as the unprivileged `postgres` user,
/// because PostgreSQL refuses to run as root. Every connection needs its
/// role's password (ClusterAuthentication), kept in `<home>/secrets`.
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
    var secrets: ClusterSecrets { ClusterSecrets(directory: home.appendingPathComponent("secrets")) }

    public func status() throws -> Status {
        guard FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path) else {
            return .notInitialized
        }
        let result = try ExternalCommand.run(try binaries().pgCtl, ["status", "-D", dataDirectory.path], asUser: serverUser)
        guard result.status == 0, let port = runningPort() else { return .stopped }
        return .running(port: port)
    }

    /// Initializes and starts the cluster when needed, and makes it ask
    /// for passwords if it does not yet; returns the owner's URL.
    @discardableResult
    public func start() throws -> DatabaseURL {
        let tools = try binaries()
        try prepareDirectories()
        if case .notInitialized = try status() { try initialize(tools) }
        if case .running(let port) = try status() {
            try requirePasswords(tools, port: port)
            return try url(for: .owner, port: port)
        }
        let port = try choosePort()
        // JIT compilation costs seconds per heavy model query and gains nothing on these plans.
        // The default 128 MB of shared buffers is less than what the API reads
        // at national scale (a version's search tables and documents are about
        // 300 MB at 100,000 structures): misses go to the kernel's cache, a
        // read call each. Every warehouse process opens a pool of up to
        // eight connections and a run adds one for its lock; the default of
        // 100 connections ran out when the test suite, the API and a refresh
        // shared the server.
        let options = "-p \(port) -k \(socketDirectory.path) -c listen_addresses=127.0.0.1 -c jit=off "
            + "-c shared_buffers=\(Self.sharedBuffers) -c max_connections=\(Self.maxConnections)"
        let started = try ExternalCommand.run(tools.pgCtl, [
            "start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "-o", options,
        ], asUser: serverUser)
        guard started.status == 0 else {
            let log = (try? String(contentsOf: logFile, encoding: .utf8)).map { String($0.suffix(2000)) } ?? ""
            throw WarehouseError.clusterFailed(step: "pg_ctl start", output: started.output + log)
        }
        try String(port).write(to: portFile, atomically: true, encoding: .utf8)
        try requirePasswords(tools, port: port)
        try createWarehouseDatabase(tools, port: port)
        return try url(for: .owner, port: port)
    }

    public static let sharedBuffers = "1GB"
    public static let maxConnections = 400

    public func stop() throws {
        guard case .running = try status() else { return }
        let result = try ExternalCommand.run(try binaries().pgCtl, ["stop", "-D", dataDirectory.path, "-m", "fast", "-w"],
                                             asUser: serverUser)
        guard result.status == 0 else { throw WarehouseError.clusterFailed(step: "pg_ctl stop", output: result.output) }
    }

    /// The URL of the running cluster for `role`, with its password, or nil
    /// when the cluster is not running.
    public func runningURL(role: WarehouseRole = .owner) throws -> DatabaseURL? {
        guard case .running(let port) = try status() else { return nil }
        try requirePasswords(try binaries(), port: port)
        return try url(for: role, port: port)
    }

    func url(for role: WarehouseRole, port: Int) throws -> DatabaseURL {
        guard let password = secrets.password(for: role) else {
            throw WarehouseError.clusterFailed(step: "password of \(role.roleName)",
                                               output: "\(secrets.file(for: role).path) is missing or empty")
        }
        return DatabaseURL(username: role.roleName, password: password, host: "127.0.0.1", port: port,
                           database: Self.databaseName)
    }

    /// initdb gives the superuser the owner's password (made now, kept in
    /// the secrets folder) and no connection is ever trusted.
    private func initialize(_ tools: Binaries) throws {
        try secrets.prepareDirectory()
        let password = try secrets.withLock { () throws -> String in
            // the roles of a cluster removed before are made again, with new passwords, at the first start
            for role in WarehouseRole.readers { try? FileManager.default.removeItem(at: secrets.file(for: role)) }
            if let existing = secrets.password(for: .owner) { return existing }
            let generated = ClusterSecrets.generatePassword()
            try secrets.store(generated, for: .owner)
            return generated
        }
        // initdb (run as the server user) reads it from a file of the server
        // user's own folder, removed as soon as initdb is done
        let passwordFile = socketDirectory.appendingPathComponent(".initdb-password")
        guard FileManager.default.createFile(atPath: passwordFile.path, contents: Data((password + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw WarehouseError.clusterFailed(step: "initdb", output: "cannot write \(passwordFile.path)")
        }
        defer { try? FileManager.default.removeItem(at: passwordFile) }
        if let serverUser {
            try FileManager.default.setAttributes([.ownerAccountName: serverUser], ofItemAtPath: passwordFile.path)
        }
        let result = try ExternalCommand.run(tools.initdb, [
            "-D", dataDirectory.path, "-U", Self.superuser, "-A", "scram-sha-256", "--pwfile=\(passwordFile.path)",
            "-E", "UTF8", "--locale=C.UTF-8",
        ], asUser: serverUser)
        guard result.status == 0 else { throw WarehouseError.clusterFailed(step: "initdb", output: result.output) }
        try writeHostBasedAuthentication()
    }

    private func createWarehouseDatabase(_ tools: Binaries, port: Int) throws {
        let result = try ExternalCommand.run(tools.createdb, [
            "-w", "-h", socketDirectory.path, "-p", String(port), "-U", Self.superuser, Self.databaseName,
        ], environment: ownerPasswordEnvironment())
        guard result.status == 0 || result.output.contains("already exists") else {
            throw WarehouseError.clusterFailed(step: "createdb", output: result.output)
        }
    }

    /// The data and the socket folders are the server user's alone: a
    /// socket folder others can enter lets them reach the server without
    /// the TCP port, and one they can write lets them replace the socket.
    private func prepareDirectories() throws {
        let manager = FileManager.default
        for directory in [home, dataDirectory, socketDirectory] {
            try manager.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        for directory in [dataDirectory, socketDirectory] {
            try manager.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
        }
        try secrets.prepareDirectory()
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

    /// The server user must reach the data folder; a home that is itself
    /// private (`mktemp -d`) or below a private folder (such as /root) is
    /// moved to /var/tmp, named after the original. A cluster already in
    /// the home stays there: the server reached it.
    static func homeReachableByServer(_ home: URL) -> URL {
        let manager = FileManager.default
        if manager.fileExists(atPath: home.appendingPathComponent("pgdata/PG_VERSION").path) { return home }
        var folder = home
        while folder.path != "/" {
            if let attributes = try? manager.attributesOfItem(atPath: folder.path),
               let permissions = attributes[.posixPermissions] as? Int, permissions & 0o001 == 0 {
                let digest = home.path.utf8.reduce(UInt64(14695981039346656037)) { ($0 ^ UInt64($1)) &* 1099511628211 }
                return URL(fileURLWithPath: "/var/tmp/inclusion-warehouse-\(String(digest, radix: 16))")
            }
            folder = folder.deletingLastPathComponent()
        }
        return home
    }

    struct Binaries {
        let initdb: String
        let pgCtl: String
        let createdb: String
        let psql: String
    }

    func binaries() throws -> Binaries {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let debianDirectories = versions.compactMap(Int.init).sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        let package = "postgresql"
        return Binaries(
            initdb: try ExternalCommand.locate("initdb", package: package, extraDirectories: debianDirectories),
            pgCtl: try ExternalCommand.locate("pg_ctl", package: package, extraDirectories: debianDirectories),
            createdb: try ExternalCommand.locate("createdb", package: package, extraDirectories: debianDirectories),
            psql: try ExternalCommand.locate("psql", package: "postgresql-client", extraDirectories: debianDirectories)
        )
    }
}

import Foundation
import WarehouseCore
#if canImport(Glibc)
import Glibc
#endif

/// How the embedded cluster authenticates: every connection, on the socket
/// as on 127.0.0.1, proves its role's password (SCRAM-SHA-256). A cluster
/// made before passwords (initdb -A trust) is brought to this state in
/// place, while it runs, by the first command that finds it so: passwords
/// set, pg_hba.conf rewritten, configuration reloaded.
extension EmbeddedCluster {
    static let hostBasedAuthentication = """
        # Written by the warehouse: every connection proves its role's password.
        # The passwords are in the secrets folder of WAREHOUSE_HOME;
        # `warehouse db url --role owner|api|analyst` prints a role's URL.
        # TYPE  DATABASE  USER  ADDRESS        METHOD
        local   all       all                  scram-sha-256
        host    all       all   127.0.0.1/32   scram-sha-256
        host    all       all   ::1/128        scram-sha-256

        """

    var hostBasedAuthenticationFile: URL { dataDirectory.appendingPathComponent("pg_hba.conf") }

    /// Makes the running cluster require passwords, when it does not yet,
    /// and gives every role its password. Cheap when done already (two file
    /// reads), so every command calls it.
    func requirePasswords(_ tools: Binaries, port: Int) throws {
        if isSecured() { return }
        try secrets.prepareDirectory()
        try secrets.withLock {
            guard !isSecured() else { return }
            try secure(tools, port: port)
        }
    }

    private func isSecured() -> Bool {
        hostBasedAuthenticationIsWritten() && WarehouseRole.allCases.allSatisfy { secrets.password(for: $0) != nil }
    }

    private func hostBasedAuthenticationIsWritten() -> Bool {
        (try? String(contentsOf: hostBasedAuthenticationFile, encoding: .utf8)) == Self.hostBasedAuthentication
    }

    /// The passwords are set first (a cluster still trusting connections
    /// lets the owner in without one), then stored, and only then is
    /// pg_hba.conf rewritten: a failure on the way leaves a cluster that
    /// the next command can still finish.
    private func secure(_ tools: Binaries, port: Int) throws {
        let ownerPassword = secrets.password(for: .owner)
        let trustsConnections = !hostBasedAuthenticationIsWritten()
        if ownerPassword == nil && !trustsConnections {
            throw WarehouseError.clusterFailed(step: "password of \(Self.superuser)", output: """
                \(secrets.file(for: .owner).path) is missing and the cluster asks for that password: \
                restore the file, or remove \(home.path) and start again (its data is lost)
                """)
        }
        var generated: [WarehouseRole: String] = [:]
        for role in WarehouseRole.allCases where secrets.password(for: role) == nil {
            generated[role] = ClusterSecrets.generatePassword()
        }
        try runAsOwner(Self.passwordStatements(generated), tools, port: port, password: ownerPassword)
        for role in WarehouseRole.allCases {
            if let password = generated[role] { try secrets.store(password, for: role) }
        }
        if trustsConnections {
            try writeHostBasedAuthentication()
            let reloaded = try ExternalCommand.run(tools.pgCtl, ["reload", "-D", dataDirectory.path], asUser: serverUser)
            guard reloaded.status == 0 else { throw WarehouseError.clusterFailed(step: "pg_ctl reload", output: reloaded.output) }
            try waitUntilPasswordsAreRequired(tools, port: port)
        }
    }

    /// The roles are made here too (migration 0019 makes them on other
    /// servers), so that their passwords can be set before any migration.
    static func passwordStatements(_ passwords: [WarehouseRole: String]) -> String {
        var statements = ["\\set ON_ERROR_STOP on", "set password_encryption = 'scram-sha-256';"]
        for role in WarehouseRole.allCases {
            guard let password = passwords[role] else { continue }
            if role == .owner {
                statements.append("alter role \(role.roleName) with password '\(password)';")
                continue
            }
            let attributes = "login nosuperuser nocreatedb nocreaterole noreplication"
            statements.append("""
                do $$ begin
                    if not exists (select from pg_roles where rolname = '\(role.roleName)') then
                        create role \(role.roleName) \(attributes);
                    end if;
                end $$;
                """)
            statements.append("alter role \(role.roleName) with \(attributes) password '\(password)';")
        }
        return statements.joined(separator: "\n") + "\n"
    }

    func writeHostBasedAuthentication() throws {
        let path = hostBasedAuthenticationFile.path
        // written in place: the file keeps its owner (the server user) and mode
        try Data(Self.hostBasedAuthentication.utf8).write(to: hostBasedAuthenticationFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        if let serverUser { try FileManager.default.setAttributes([.ownerAccountName: serverUser], ofItemAtPath: path) }
    }

    /// The environment that gives a PostgreSQL client tool the owner's
    /// password (and nothing from a ~/.pgpass).
    func ownerPasswordEnvironment(_ password: String? = nil) -> [String: String] {
        ["PGPASSWORD": password ?? secrets.password(for: .owner) ?? "", "PGPASSFILE": "/dev/null"]
    }

    /// Runs a psql script as the owner over the socket. The script, which
    /// holds passwords, lives a moment in the secrets folder, never in the
    /// arguments (other users see those); passwords are masked in errors.
    private func runAsOwner(_ script: String, _ tools: Binaries, port: Int, password: String?) throws {
        let scriptFile = secrets.directory.appendingPathComponent(".script-\(UUID().uuidString).sql")
        guard FileManager.default.createFile(atPath: scriptFile.path, contents: Data(script.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw WarehouseError.clusterFailed(step: "secrets", output: "cannot write \(scriptFile.path)")
        }
        defer { try? FileManager.default.removeItem(at: scriptFile) }
        let result = try ExternalCommand.run(tools.psql, [
            "-X", "-q", "-w", "-h", socketDirectory.path, "-p", String(port), "-U", Self.superuser, "-d", "postgres",
            "-f", scriptFile.path,
        ], environment: ownerPasswordEnvironment(password))
        guard result.status == 0 else {
            var output = result.output
            for line in script.split(separator: "\n") {
                guard let start = line.range(of: "password '") else { continue }
                let secret = line[start.upperBound...].prefix { $0 != "'" }
                if !secret.isEmpty { output = output.replacingOccurrences(of: String(secret), with: "***") }
            }
            throw WarehouseError.clusterFailed(step: "setting the roles' passwords", output: output)
        }
    }

    /// pg_ctl reload only signals the server: wait until a connection
    /// without a password is refused, so that nothing that follows runs on
    /// a cluster still trusting everyone.
    private func waitUntilPasswordsAreRequired(_ tools: Binaries, port: Int) throws {
        for _ in 0..<100 {
            let attempt = try ExternalCommand.run(tools.psql, [
                "-X", "-q", "-w", "-h", socketDirectory.path, "-p", String(port), "-U", Self.superuser, "-d", "postgres",
                "-c", "select 1",
            ], environment: ["PGPASSWORD": "", "PGPASSFILE": "/dev/null"])
            if attempt.status != 0 { return }
            usleep(50_000)
        }
        throw WarehouseError.clusterFailed(step: "pg_ctl reload",
                                           output: "the server still accepts connections without a password after 5 s")
    }
}

import Foundation
import Logging
import PostgresNIO
import Testing
@testable import WarehouseAPI
import WarehouseCore
@testable import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Who may connect and what each role may do. The two cluster tests make
/// their own embedded clusters (about a second each); the others run on the
/// server of DATABASE_URL, as stand-ins of the roles (RoleStandIn).
@Suite struct DatabaseSecurityTests {
    static let insufficientPrivilege = "42501"

    // MARK: the embedded cluster

    @Test func aClusterInAPrivateHomeStartsAndRefusesConnectionsWithoutThePassword() async throws {
        // mkdtemp makes the folder 0700: the server user (postgres, when run as root) cannot enter it
        var template = Array("/tmp/warehouse-private-XXXXXX".utf8CString)
        let home = URL(fileURLWithPath: String(cString: try #require(mkdtemp(&template))))
        let cluster = EmbeddedCluster(home: home)
        #expect((getuid() == 0) == (cluster.home != home))
        try await withStoppedAfterwards(cluster, extraFolder: home) {
            let owner = try cluster.start()
            #expect(try await currentUser(owner) == "postgres")
            try await expectRefused(owner.withoutPassword)
            try await expectRefused(owner.withPassword("not-the-password"))
            let socket = DatabaseURL(username: "postgres", port: owner.port, database: "postgres",
                                     socketDirectory: cluster.socketDirectory.path)
            try await expectRefused(socket)
            try expectPrivate(cluster)
            for role in WarehouseRole.readers {
                let url = try #require(try cluster.runningURL(role: role))
                #expect(try await currentUser(url) == role.roleName)
                try await expectRefused(url.withoutPassword)
                try await expectCannotRunPrograms(url.with(database: "postgres"))
            }
        }
    }

    /// As the clusters made before passwords were: initdb -A trust, running.
    @Test func aClusterThatTrustedEveryoneIsMadeToAskForPasswordsWhileItRuns() async throws {
        let home = URL(fileURLWithPath: "/tmp/warehouse-trust-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let cluster = EmbeddedCluster(home: home)
        try await withStoppedAfterwards(cluster, extraFolder: home) {
            let port = try startTrustingCluster(cluster)
            let trusted = DatabaseURL(username: "postgres", port: port, database: "postgres")
            #expect(try await currentUser(trusted) == "postgres")

            let owner = try cluster.start()
            #expect(owner.port == port)
            try await expectRefused(trusted)
            #expect(try await currentUser(owner.with(database: "postgres")) == "postgres")
            try expectPrivate(cluster)
            for role in WarehouseRole.readers {
                #expect(try await currentUser(try #require(try cluster.runningURL(role: role)).with(database: "postgres")) == role.roleName)
            }
            // idempotent: a second start finds it done and keeps the passwords
            #expect(try cluster.start().password == owner.password)
        }
    }

    // MARK: the roles' privileges (0019_roles.sql)

    @Test func theAnalystReadsMartsReportingDedupAndOpsAndWritesNothing() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { owner, context in
            let schema = try await publishedSchema(owner)
            try await RoleStandIn.with(.analyst, on: context.databaseURL) { analyst in
                #expect(try await analyst.scalarInt("select count(*) from marts.structures") > 0)
                #expect(try await analyst.scalarInt("select count(*) from \(schema).services") > 0)
                #expect(try await analyst.scalarInt("select count(*) from ops.runs") > 0)
                #expect(try await analyst.scalarInt("select count(*) from ops.published_versions") > 0)
                #expect(try await analyst.scalarInt("select count(*) from dedup.cluster_registry") >= 0)
                #expect(try await analyst.scalarInt("select has_schema_privilege('reporting', 'usage')::int") == 1)
                for statement in [
                    "select count(*) from api.signing_keys",
                    "select count(*) from api.tokens",
                    "select count(*) from api.consumption_events",
                    "insert into ops.runs default values",
                    "update ops.published_versions set retired_at = now()",
                    "delete from \(schema).structures",
                    "create table marts.analyst_table (id int)",
                    "create table reporting.analyst_table (id int)",
                    "create view reporting.analyst_view as select 1",
                ] {
                    try await expectInsufficientPrivilege(analyst, statement)
                }
                #expect(try await analyst.scalarInt("select has_schema_privilege('raw', 'usage')::int") == 0)
                try await expectCannotRunPrograms(analyst)
            }
        }
    }

    @Test func theAPIRoleReadsTokensAndPublishedVersionsAndWritesOnlyConsumptionEvents() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { owner, context in
            try await TokenAuthority.ensureSigningKey(owner)
            let schema = try await publishedSchema(owner)
            try await RoleStandIn.with(.api, on: context.databaseURL) { api in
                #expect(try await api.scalarInt("select count(*) from api.signing_keys") == 1)
                #expect(try await api.scalarInt("select count(*) from api.tokens") >= 0)
                #expect(try await api.scalarInt("select count(*) from marts.services") > 0)
                #expect(try await api.scalarInt("select count(*) from \(schema).\(SearchTables.documents)") > 0)
                #expect(try await api.scalarInt("select count(*) from ops.current_version") == 1)
                _ = try await api.query("""
                    insert into api.consumption_events (occurred_at, event_type, method, endpoint, path, status, latency_ms)
                    values (now(), 'test', 'GET', 'test', '/test', 200, 1)
                    """)
                for statement in [
                    "insert into api.signing_keys (secret) values ('\\x00')",
                    "delete from api.signing_keys",
                    "update api.tokens set scopes = array['admin']",
                    "insert into api.tokens (token_id, subject, scopes) values (gen_random_uuid(), 'me', array['admin'])",
                    "select count(*) from api.consumption_events",
                    "delete from api.consumption_events",
                    "select count(*) from ops.runs",
                    "update ops.published_versions set retired_at = now()",
                    "delete from \(schema).structures",
                    "create table marts.api_table (id int)",
                ] {
                    try await expectInsufficientPrivilege(api, statement)
                }
                #expect(try await api.scalarInt("select has_schema_privilege('raw', 'usage')::int") == 0)
                #expect(try await api.scalarInt("select has_schema_privilege('dedup', 'usage')::int") == 0)
                try await expectCannotRunPrograms(api)
            }
            #expect(try await owner.scalarInt("select count(*) from api.consumption_events where event_type = 'test'") == 1)
        }
    }

    @Test func aVersionBuiltLaterIsReadableByBothRoles() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { owner, context in
            let runID = Int64(try await owner.scalarInt("select max(run_id) from ops.runs"))
            let build = try await Publisher(owner).createBuildVersion(runID: runID)
            try await owner.execute("create table \(build.schema).probe as select 42 as answer")
            for role in WarehouseRole.readers {
                try await RoleStandIn.with(role, on: context.databaseURL) { reader in
                    #expect(try await reader.scalarInt("select answer from \(build.schema).probe") == 42)
                    try await expectInsufficientPrivilege(reader, "insert into \(build.schema).probe values (1)")
                }
            }
        }
    }

    // MARK: tokens checked against their rows

    @Test func aTokenWhoseClaimsSayMoreThanItsRowIsRefused() async throws {
        try await TestDatabase.withFreshDatabase { owner, _ in
            let issuer = try await TokenAuthority.load(owner)
            let (admin, adminID) = try await issuer.issue(subject: "partner", scopes: [.admin], expiresIn: nil)
            let (renamed, renamedID) = try await issuer.issue(subject: "alice", scopes: [.api], expiresIn: nil)
            #expect(try await TokenAuthority.load(owner).verify(admin).scopes == [.admin])
            // the signature still holds; the rows say less than the claims
            _ = try await owner.query("update api.tokens set scopes = array['api'] where token_id = \(adminID)")
            _ = try await owner.query("update api.tokens set subject = 'bob' where token_id = \(renamedID)")
            let verifier = try await TokenAuthority.load(owner)
            for token in [admin, renamed] {
                await #expect(throws: TokenAuthority.Failure.invalid("its subject or scopes are not those it was issued with")) {
                    try await verifier.verify(token)
                }
            }
        }
    }

    @Test func aTokenIssuedAfterTheCacheWasReadIsValidAtOnceAndUnknownIdsAreLookedUpWithinALimit() async throws {
        try await TestDatabase.withFreshDatabase { owner, _ in
            let verifier = try await TokenAuthority.load(owner, revocationCacheSeconds: 3_600)
            let issuer = try await TokenAuthority.load(owner)
            let first = try await issuer.issue(subject: "first", scopes: [.api], expiresIn: nil).token
            #expect(try await verifier.verify(first).subject == "first")
            let second = try await issuer.issue(subject: "second", scopes: [.widget], expiresIn: nil).token
            #expect(try await verifier.verify(second).scopes == [.widget])

            var unknown: [String] = []
            for index in 0..<(3 * TokenAuthority.unknownTokenLookupsPerSecond) {
                unknown.append(try await issuer.issue(subject: "gone-\(index)", scopes: [.api], expiresIn: nil).token)
            }
            _ = try await owner.query("delete from api.tokens where subject like 'gone-%'")
            let before = await verifier.unknownTokenLookups
            for _ in 0..<2 {
                for token in unknown {
                    await #expect(throws: TokenAuthority.Failure.revoked) { try await verifier.verify(token) }
                }
            }
            // at most a second's allowance, maybe two if a second ended meanwhile; none for an id refused already
            #expect(await verifier.unknownTokenLookups - before <= 2 * TokenAuthority.unknownTokenLookupsPerSecond)
        }
    }

    // MARK: helpers

    private func currentUser(_ url: DatabaseURL) async throws -> String {
        try await Database.with(url, logger: TestDatabase.logger) { database in
            try await database.rows("select current_user::text").first!.decode(String.self)
        }
    }

    /// One connection, not a pool: a pool retries a refused connection
    /// for a minute before its first query fails.
    private func expectRefused(_ url: DatabaseURL, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let configuration: PostgresConnection.Configuration = if let socket = url.socketDirectory {
            .init(unixSocketPath: "\(socket)/.s.PGSQL.\(url.port)", username: url.username, password: url.password, database: url.database)
        } else {
            .init(host: url.host, port: url.port, username: url.username, password: url.password, database: url.database, tls: .disable)
        }
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: TestDatabase.logger)
            try? await connection.close()
            Issue.record("\(url) was let in", sourceLocation: sourceLocation)
        } catch {
            // refused by the server, not unreachable
            #expect("\(String(reflecting: error))".lowercased().contains("password"), "\(String(reflecting: error))", sourceLocation: sourceLocation)
        }
    }

    private func expectInsufficientPrivilege(_ database: Database, _ statement: String,
                                             sourceLocation: SourceLocation = #_sourceLocation) async throws {
        do {
            try await database.execute(statement)
            Issue.record("\(database.url.username) could run: \(statement)", sourceLocation: sourceLocation)
        } catch {
            #expect(databaseErrorCode(error) == Self.insufficientPrivilege,
                    "\(statement): \(databaseErrorMessage(error))", sourceLocation: sourceLocation)
        }
    }

    private func expectCannotRunPrograms(_ url: DatabaseURL) async throws {
        try await Database.with(url, logger: TestDatabase.logger) { try await expectCannotRunPrograms($0) }
    }

    private func expectCannotRunPrograms(_ database: Database) async throws {
        try await expectInsufficientPrivilege(database, "copy (select 1) to program 'true'")
        #expect(try await database.scalarInt("""
            select (rolsuper or pg_has_role(current_user, 'pg_execute_server_program', 'usage'))::int
            from pg_roles where rolname = current_user
            """) == 0)
    }

    private func publishedSchema(_ database: Database) async throws -> String {
        try await database.rows("select schema_name from ops.current_version").first!.decode(String.self)
    }

    /// The data folder, the socket folder and the secrets are the server
    /// user's or the invoking user's alone; pg_hba.conf trusts nobody.
    private func expectPrivate(_ cluster: EmbeddedCluster) throws {
        let manager = FileManager.default
        func mode(_ url: URL) throws -> Int { try #require(manager.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) }
        #expect(try mode(cluster.socketDirectory) == 0o700)
        #expect(try mode(cluster.dataDirectory) == 0o700)
        #expect(try mode(cluster.secrets.directory) == 0o700)
        if let serverUser = cluster.serverUser {
            #expect(try manager.attributesOfItem(atPath: cluster.socketDirectory.path)[.ownerAccountName] as? String == serverUser)
        }
        for role in WarehouseRole.allCases {
            #expect(try mode(cluster.secrets.file(for: role)) == 0o600)
        }
        let rules = try String(contentsOf: cluster.hostBasedAuthenticationFile, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(!rules.isEmpty && rules.allSatisfy { $0.hasSuffix("scram-sha-256") })
    }

    /// initdb -A trust and pg_ctl start, as clusters were made before passwords.
    private func startTrustingCluster(_ cluster: EmbeddedCluster) throws -> Int {
        let manager = FileManager.default
        let tools = try cluster.binaries()
        for folder in [cluster.dataDirectory, cluster.socketDirectory] {
            try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if let serverUser = cluster.serverUser { try manager.setAttributes([.ownerAccountName: serverUser], ofItemAtPath: folder.path) }
        }
        let initdb = try ExternalCommand.run(tools.initdb, [
            "-D", cluster.dataDirectory.path, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8",
        ], asUser: cluster.serverUser)
        try #require(initdb.status == 0, "\(initdb.output)")
        let port = try PortProbe.freePort()
        let started = try ExternalCommand.run(tools.pgCtl, [
            "start", "-D", cluster.dataDirectory.path, "-l", cluster.logFile.path, "-w", "-t", "60",
            "-o", "-p \(port) -k \(cluster.socketDirectory.path) -c listen_addresses=127.0.0.1",
        ], asUser: cluster.serverUser)
        try #require(started.status == 0, "\(started.output)")
        try String(port).write(to: cluster.portFile, atomically: true, encoding: .utf8)
        return port
    }

    private func withStoppedAfterwards(_ cluster: EmbeddedCluster, extraFolder: URL,
                                       _ body: () async throws -> Void) async throws {
        defer {
            try? cluster.stop()
            try? FileManager.default.removeItem(at: cluster.home)
            try? FileManager.default.removeItem(at: extraFolder)
        }
        try await body()
    }
}

private extension DatabaseURL {
    var withoutPassword: DatabaseURL { withPassword(nil) }

    func withPassword(_ password: String?) -> DatabaseURL {
        var copy = self
        copy.password = password
        return copy
    }
}

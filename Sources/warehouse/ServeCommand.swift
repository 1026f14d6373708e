import ArgumentParser
import Foundation
import Logging
import WarehouseAPI
import WarehouseCore
import WarehouseDatabase

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the published marts as data·inclusion's API v1 (with tokens, events and data versions).",
        discussion: """
            Endpoints under /api/v1 (structures, services, search/services, sources, doc/*), the \
            description at /api/openapi.json and /api/docs. Data endpoints need a token: \
            `warehouse token create --subject NAME --scope api`. Every request with a token is \
            recorded in api.consumption_events (written in batches; flushed on SIGINT/SIGTERM). \
            Migrations run as the owner; requests are then answered as the role warehouse_api (on the \
            embedded cluster, or with --api-database-url), which can read the published versions and \
            the tokens and write only consumption events. \
            docs/api.md describes the parameters, the access policy and the additions to v1.
            """
    )

    @Option(help: "The port to listen on.") var port = 8080
    @Option(help: "The address to listen on (0.0.0.0 for every interface).") var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The access policy (restricted sources, rate limits).", valueName: "file"))
    var policy: String?
    @Option(help: ArgumentHelp(
        "Memory for the search results' documents, kept by data version and service id (about 2.5 KB a service: 300 MB hold 120,000); 0 reads them from the database every time.",
        valueName: "MB"))
    var documentCacheMb = 512
    @Option(help: ArgumentHelp(
        "The URL of the role warehouse_api, to answer requests with when --database-url or DATABASE_URL names another server (default: WAREHOUSE_API_DATABASE_URL; without either, the owner's URL serves). The embedded cluster's is found alone.",
        valueName: "url"))
    var apiDatabaseUrl: String?
    @Option(help: ArgumentHelp(
        "A file holding data·inclusion's signing secret (its SECRET_KEY): the tokens it issued are then accepted, mapped to their scopes (default: WAREHOUSE_UPSTREAM_SECRET).",
        valueName: "file"))
    var upstreamSecretFile: String?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard documentCacheMb >= 0 else { throw ValidationError("--document-cache-mb must be 0 or more (got \(documentCacheMb))") }
    }

    func run() async throws {
        try await reportingErrors {
            let context = try options.context()
            let root = context.layout.root
            let accessPolicy = try AccessPolicy.load(policy.map { URL(fileURLWithPath: $0) } ?? root.appendingPathComponent("config/api.yml"))
            let documents = try APIDocuments.load(root.appendingPathComponent("openapi.yaml"))
            var logger = Logger(label: "warehouse.api")
            logger.logLevel = options.verbose ? .info : .notice
            let serverLogger = logger
            let documentCacheBytes = documentCacheMb * 1_048_576
            let (host, port) = (host, port)
            let upstreamSecret = try upstreamSecretFile.map {
                try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            } ?? ProcessInfo.processInfo.environment["WAREHOUSE_UPSTREAM_SECRET"]
            if upstreamSecret?.isEmpty == false { serverLogger.notice("accepting data·inclusion's tokens too") }
            // /auth/create_token writes api.tokens, which only the owner may
            let serve: @Sendable (Database, TokenAuthority) async throws -> Void = { database, issuer in
                let server = try await APIServer.make(database: database, policy: accessPolicy, documents: documents,
                                                      documentCacheBytes: documentCacheBytes, logger: serverLogger,
                                                      upstreamSecret: upstreamSecret, tokenIssuer: issuer)
                try await server.run(configuration: APIConfiguration(host: host, port: port), logger: serverLogger) { port in
                    print("Serving the API on http://\(host):\(port)/api/v1 (documentation: /api/docs); Ctrl-C stops.")
                }
                await server.events.flush()
            }
            // the API role may read the signing keys, not make the first one
            if let apiURL = try DatabaseTarget.resolveAPI(explicitURL: options.databaseURL, explicitAPIURL: apiDatabaseUrl) {
                try await context.withDatabase { owner in
                    try await TokenAuthority.ensureSigningKey(owner)
                    let issuer = try await TokenAuthority.load(owner)
                    serverLogger.info("answering as \(apiURL.username)")
                    try await Database.with(apiURL, logger: serverLogger, settings: APIServer.databaseSettings) { try await serve($0, issuer) }
                }
            } else {
                serverLogger.notice("answering as the owner \(context.databaseURL.username): no --api-database-url nor WAREHOUSE_API_DATABASE_URL")
                try await context.withDatabase(settings: APIServer.databaseSettings) { database in
                    try await TokenAuthority.ensureSigningKey(database)
                    try await serve(database, try await TokenAuthority.load(database))
                }
            }
        }
    }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens.",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self]
    )
}

struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Issue a token (JWT HS256); the token alone is printed on the last line.",
        discussion: "Example: warehouse token create --subject dora --scope api --expires-in 90d"
    )

    @Option(help: "Who uses the token (an application or partner name); recorded with each request.") var subject: String
    @Option(help: "api (read the data), widget (search only), admin (everything). Repeat for several.") var scope: [String] = ["api"]
    @Option(help: ArgumentHelp("Lifetime such as 90d, 12h or 30m; none: never expires.", valueName: "duration"))
    var expiresIn: String?

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let scopes = try Set(scope.map { name in
                guard let scope = TokenScope(rawValue: name) else {
                    throw WarehouseError.invalidArgument("unknown scope '\(name)'; known: api, widget, admin")
                }
                return scope
            })
            let lifetime = try expiresIn.map(Self.parseDuration)
            let (token, id) = try await options.context().withDatabase { database in
                try await TokenAuthority.load(database).issue(subject: subject, scopes: scopes, expiresIn: lifetime)
            }
            print("Token \(id.uuidString.lowercased()) for \(subject), scopes \(scopes.map(\.rawValue).sorted().joined(separator: ", "))"
                  + (lifetime.map { ", expires in \(Int($0 / 86_400)) day(s)" } ?? ", no expiry") + ":")
            print(token)
        }
    }

    static func parseDuration(_ text: String) throws -> TimeInterval {
        let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let unit = text.last, let seconds = units[unit], let amount = Double(text.dropLast()), amount > 0 else {
            throw WarehouseError.invalidArgument("--expires-in takes a number and a unit (d, h, m, s), e.g. 90d, not '\(text)'")
        }
        return amount * seconds
    }
}

struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens issued, with their state.")

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let entries = try await options.context().withDatabase { try await TokenRegistry($0).list() }
            let now = Date()
            let rows = entries.map { entry -> [String] in
                let state = entry.revokedAt != nil ? "revoked" : (entry.expiresAt.map { $0 < now } ?? false) ? "expired" : "active"
                return [entry.tokenID.uuidString.lowercased(), entry.subject, entry.scopes.joined(separator: ","),
                        entry.createdAt.formatted(.iso8601), entry.expiresAt?.formatted(.iso8601) ?? "never", state]
            }
            print(TextTable.render(header: ["token", "subject", "scopes", "created", "expires", "state"], rows: rows))
        }
    }
}

struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a token (by id) or every token of a subject; servers refuse it within 10 seconds."
    )

    @Option(help: "The token's id (see `warehouse token list`).") var id: String?
    @Option(help: "Revoke every active token of this subject.") var subject: String?
    @Option(help: "Why, for the record.") var reason: String?

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            var tokenID: UUID?
            if let id {
                guard let parsed = UUID(uuidString: id) else { throw WarehouseError.invalidArgument("--id must be a token id (a UUID), not '\(id)'") }
                tokenID = parsed
            }
            let chosen = tokenID
            let count = try await options.context().withDatabase {
                try await TokenRegistry($0).revoke(tokenID: chosen, subject: subject, reason: reason)
            }
            print("Revoked \(count) token(s).")
            if count == 0 { throw ExitCode.failure }
        }
    }
}

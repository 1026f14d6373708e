import Foundation
import PostgresNIO
import WarehouseCore

/// A parsed `postgres://user[:password]@host[:port]/database[?host=/socket/dir&sslmode=…]` URL.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public var username: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    /// A unix socket folder given as `?host=/path`, as libpq accepts it.
    public var socketDirectory: String?
    public var requiresTLS: Bool

    public init(username: String, password: String? = nil, host: String = "127.0.0.1", port: Int = 5432,
                database: String, socketDirectory: String? = nil, requiresTLS: Bool = false) {
        self.username = username
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.socketDirectory = socketDirectory
        self.requiresTLS = requiresTLS
    }

    public init(parsing text: String) throws {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw WarehouseError.invalidDatabaseURL(text)
        }
        let query = Dictionary(
            (components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty else { throw WarehouseError.invalidDatabaseURL(text) }
        self.init(
            username: components.user ?? "postgres",
            password: components.password,
            host: components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1",
            port: components.port ?? 5432,
            database: database,
            socketDirectory: query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil },
            requiresTLS: ["require", "verify-ca", "verify-full"].contains(query["sslmode"] ?? "")
        )
    }

    /// The same server, another database (tests copy a template per test).
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without its password, for messages and logs.
    public var description: String {
        let credentials = password == nil ? username : "\(username):***"
        let socket = socketDirectory.map { "?host=\($0)" } ?? ""
        return "postgres://\(credentials)@\(host):\(port)/\(database)\(socket)"
    }

    /// The URL as given to other tools (psql, exports of DATABASE_URL).
    public var connectionString: String {
        let user = username.addingPercentEncoding(withAllowedCharacters: .urlUserAllowed) ?? username
        let secret = password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? $0) } ?? ""
        let socket = socketDirectory.map { "?host=\($0)" } ?? ""
        return "postgres://\(user)\(secret)@\(host):\(port)/\(database)\(socket)"
    }

    /// The pool's configuration; `settings` are sent as startup parameters,
    /// so every connection of the pool has them (`SET` would hold for one).
    func clientConfiguration(settings: [(String, String)] = []) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketDirectory {
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username,
                                  password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: username, password: password,
                                  database: database, tls: requiresTLS ? .require(.makeClientConfiguration()) : .disable)
        }
        configuration.options.minimumConnections = 0
        configuration.options.maximumConnections = 8
        configuration.options.additionalStartupParameters = settings
        return configuration
    }

    /// The configuration of one connection outside the pool (the run lock's).
    func connectionConfiguration(applicationName: String) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketDirectory {
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(port)", username: username,
                                  password: password, database: database)
        } else {
            configuration = .init(host: host, port: port, username: username, password: password,
                                  database: database, tls: requiresTLS ? .require(try .init(configuration: .makeClientConfiguration())) : .disable)
        }
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }
}

import PostgresNIO

/// A readable message for an error raised by the database: PSQLError hides
/// the server's text from its `description` so it is never leaked by
/// accident; operators need it, so the CLI and logs ask for it here.
public func databaseErrorMessage(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return connectionFailureMessage(error) ?? String(describing: error) }
    guard let info = error.serverInfo else { return connectionFailureMessage(error) ?? "\(error.code)" }
    var parts = [info[.message] ?? "\(error.code)"]
    if let detail = info[.detail] { parts.append("detail: \(detail)") }
    if let hint = info[.hint] { parts.append("hint: \(hint)") }
    if let position = info[.position] { parts.append("at character \(position)") }
    if let where_ = info[.locationContext] { parts.append("context: \(where_)") }
    return parts.joined(separator: "; ")
}

/// The SQLSTATE code of a database error, when there is one.
public func databaseErrorCode(_ error: any Error) -> String? {
    (error as? PSQLError)?.serverInfo?[.sqlState]
}

/// Words for the failures that carry no server text: the server went away,
/// or no connection could be made (the pool's circuit breaker trips after
/// repeated refusals). Operators used to see only the library's case name.
private func connectionFailureMessage(_ error: any Error) -> String? {
    let name = String(describing: error)
    if name.contains("connectionCreationCircuitBreakerTripped") {
        return "the database server cannot be reached (connections were refused repeatedly); is PostgreSQL running? `warehouse db status` tells"
    }
    guard let error = error as? PSQLError else { return nil }
    let cause = error.underlying.map { " (\(String(describing: $0)))" } ?? ""
    switch error.code {
    case .serverClosedConnection, .uncleanShutdown:
        return "the database server closed the connection\(cause): it stopped, restarted or ended this session; work not committed was rolled back"
    case .connectionError:
        return "cannot connect to the database server\(cause)"
    case .clientClosedConnection, .poolClosed:
        return "the connection to the database was closed while a statement was running"
    case .queryCancelled:
        return "the statement was cancelled"
    default:
        return nil
    }
}

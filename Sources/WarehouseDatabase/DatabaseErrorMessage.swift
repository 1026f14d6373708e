import PostgresNIO

/// A readable message for an error raised by the database: PSQLError hides
/// the server's text from its `description` so it is never leaked by
/// accident; operators need it, so the CLI and logs ask for it here.
public func databaseErrorMessage(_ error: any Error) -> String {
    guard let error = error as? PSQLError else { return String(describing: error) }
    guard let info = error.serverInfo else { return "\(error.code)" }
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

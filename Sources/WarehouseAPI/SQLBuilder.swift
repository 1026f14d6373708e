import PostgresNIO

/// A statement assembled from fixed SQL and bound values: every value from a
/// request travels as a bind parameter, never inside the SQL text.
struct SQLBuilder {
    private(set) var binds = PostgresBindings()
    var conditions: [String] = []

    /// Binds `value` and returns its placeholder (`$n`).
    mutating func bind<Value: PostgresThrowingDynamicTypeEncodable>(_ value: Value) -> String {
        // Encoding strings, numbers and arrays of them cannot fail.
        try! binds.append(value)
        return "$\(binds.count)"
    }

    mutating func require(_ condition: String) { conditions.append(condition) }

    var whereClause: String { conditions.isEmpty ? "true" : conditions.joined(separator: "\n  and ") }

    func query(_ sql: String) -> PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}

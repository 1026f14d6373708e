/// A rejected parameter, answered 422 with a body shaped as data·inclusion's
/// framework (FastAPI, pydantic 2) writes its validation errors:
/// `{"detail": [{"type", "loc": ["query", name(, index)], "msg", "input", "ctx"}]}`.
public struct ParameterError: Error, Sendable {
    public let parameter: String
    public let message: String
    public let input: String?
    /// The accepted values of an enumeration (ctx.expected, written as pydantic does).
    public let accepted: [String]?
    public let location: String
    /// pydantic's error type (`missing`, `enum`, `int_parsing`, …).
    public let type: String
    /// The position of the faulty value in a list parameter.
    public let index: Int?
    /// Other ctx entries (`ge`, `le`, `pattern`…) as JSON values.
    public let context: [String: String]

    public init(_ parameter: String, _ message: String, input: String? = nil, accepted: [String]? = nil, location: String = "query",
                type: String = "value_error", index: Int? = nil, context: [String: String] = [:]) {
        self.parameter = parameter
        self.message = message
        self.input = input
        self.accepted = accepted
        self.location = location
        self.type = type
        self.index = index
        self.context = context
    }

    /// pydantic's way of listing the accepted values: `'a', 'b' or 'c'`.
    static func expected(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}

/// Every rejected parameter of a request: all of them are reported at once.
public struct ParameterErrors: Error, Sendable {
    public let errors: [ParameterError]
}

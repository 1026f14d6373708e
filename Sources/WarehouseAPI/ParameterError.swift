/// A rejected query parameter, answered 422 with a body shaped like
/// data·inclusion's (FastAPI's) validation errors: `{"detail": [{"loc":
/// ["query", name], "msg", "type", "input", "ctx": {"expected": …}}]}`.
public struct ParameterError: Error, Sendable {
    public let parameter: String
    public let message: String
    public let input: String?
    public let accepted: [String]?
    public let location: String
    /// pydantic's error type (`missing`, `enum`, `int_parsing`, …).
    public let type: String

    public init(_ parameter: String, _ message: String, input: String? = nil, accepted: [String]? = nil, location: String = "query",
                type: String = "value_error") {
        self.type = type
        self.parameter = parameter
        self.message = message
        self.input = input
        self.accepted = accepted
        self.location = location
    }
}

/// A rejected query parameter, answered 422 with a body shaped like
/// data·inclusion's (FastAPI's) validation errors: `{"detail": [{"loc":
/// ["query", name], "msg", "type", "input", "ctx": {"expected": …}}]}`.
public struct ParameterError: Error, Sendable {
    public let parameter: String
    public let message: String
    public let input: String?
    public let accepted: [String]?
    public let location: String

    public init(_ parameter: String, _ message: String, input: String? = nil, accepted: [String]? = nil, location: String = "query") {
        self.parameter = parameter
        self.message = message
        self.input = input
        self.accepted = accepted
        self.location = location
    }
}

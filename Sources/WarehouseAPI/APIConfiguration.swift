/// Settings of `warehouse serve`.
public struct APIConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// Rows per page when the client does not ask (data·inclusion's default).
    public static let defaultPageSize = 5_000
    public static let maximumPageSize = 10_000

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}

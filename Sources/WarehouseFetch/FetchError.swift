import Foundation

/// Why a fetch, or one source of it, failed. Messages name the file, source,
/// stream, URL or variable at fault; they never contain a credential.
public enum FetchError: Error, CustomStringConvertible, Sendable {
    case configuration(file: String, reason: String)
    case missingCredential(source: String, variable: String)
    case http(url: String, status: Int, detail: String)
    case network(url: String, reason: String)
    case badBody(url: String, reason: String)
    case protocolViolation(url: String, reason: String)
    case shrank(stream: String, records: Int, previous: Int, fetchID: String)
    case noDrop(folder: String)
    case archive(path: String, reason: String)

    public var description: String {
        switch self {
        case .configuration(let file, let reason): "\(file): \(reason)"
        case .missingCredential(let source, let variable):
            "the environment variable \(variable) is not set (config/sources.yml names it; docs/fetch.md says what it holds)"
        case .http(let url, let status, let detail): "\(url): HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")"
        case .network(let url, let reason): "\(url): \(reason)"
        case .badBody(let url, let reason): "\(url): \(reason)"
        case .protocolViolation(let url, let reason): "\(url): \(reason)"
        case .shrank(let stream, let records, let previous, let fetchID):
            "\(stream): \(records) records where the last good fetch (\(fetchID)) had \(previous); kept the previous archive (pass --accept-shrink to take it)"
        case .noDrop(let folder): "no files dropped in \(folder)"
        case .archive(let path, let reason): "\(path): \(reason)"
        }
    }

    /// Whether trying the same request again may succeed.
    var isTransient: Bool {
        switch self {
        case .network, .badBody: true
        case .http(_, let status, _): status == 429 || status >= 500
        default: false
        }
    }
}

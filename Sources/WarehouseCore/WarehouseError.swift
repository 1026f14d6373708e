import Foundation

/// Every failure the warehouse reports to an operator. Each case carries what a
/// person needs to act: the file, the record, the field, the package to install.
public enum WarehouseError: Error, Sendable, CustomStringConvertible, LocalizedError {
    case missingBinary(name: String, debianPackage: String)
    case missingExtension(name: String, debianPackage: String)
    case databaseUnreachable(url: String, reason: String)
    case clusterFailed(step: String, output: String)
    case invalidDatabaseURL(String)
    case projectNotFound(searched: [String])
    case migrationFailed(file: String, statementIndex: Int, reason: String)
    case invalidJSON(file: String, byteOffset: Int, reason: String)
    case unreadableFile(file: String, reason: String)
    case missingSnapshots(directory: String)
    case modelCycle([String])
    case unknownReference(model: String, reference: String)
    case unknownSource(model: String, source: String, stream: String)
    case invalidModelConfig(file: String, reason: String)
    case modelFailed(model: String, reason: String)
    case testsFailed(count: Int, names: [String])
    case sourcesFailed([String])
    case nothingPublished(reason: String)
    case invalidArgument(String)
    case runInProgress(holder: String)

    public var description: String {
        switch self {
        case let .missingBinary(name, package):
            return "'\(name)' was not found. Install it with: apt-get install \(package)"
        case let .missingExtension(name, package):
            return "The PostgreSQL extension '\(name)' is not available on this server. Install it with: apt-get install \(package)"
        case let .databaseUnreachable(url, reason):
            return "Cannot connect to \(url): \(reason)"
        case let .clusterFailed(step, output):
            return "The embedded PostgreSQL failed at '\(step)':\n\(output)"
        case let .invalidDatabaseURL(url):
            return "'\(url)' is not a PostgreSQL URL (expected postgres://user[:password]@host[:port]/database)"
        case let .projectNotFound(searched):
            return "Cannot find the project folder (sql/ and dbt-like-models/). Searched: \(searched.joined(separator: ", ")). Install with scripts/install (the binary then finds <prefix>/share/warehouse), set WAREHOUSE_PROJECT_DIR or pass --project-dir."
        case let .migrationFailed(file, index, reason):
            return "Migration \(file) failed at statement \(index + 1): \(reason)"
        case let .invalidJSON(file, offset, reason):
            return "\(file): not valid JSON at byte \(offset): \(reason)"
        case let .unreadableFile(file, reason):
            return "\(file): cannot be read: \(reason)"
        case let .missingSnapshots(directory):
            return "No snapshot folder at \(directory) (expected <dir>/<source-slug>/<stream>.<ext>)"
        case let .modelCycle(names):
            return "The models form a cycle: \(names.joined(separator: " -> "))"
        case let .unknownReference(model, reference):
            return "Model '\(model)' refers to '\(reference)', which is neither a model nor a seed"
        case let .unknownSource(model, source, stream):
            return "Model '\(model)' reads source('\(source)', '\(stream)'), which no loader provides"
        case let .invalidModelConfig(file, reason):
            return "\(file): \(reason)"
        case let .modelFailed(model, reason):
            return "Model '\(model)' failed: \(reason)"
        case let .testsFailed(count, names):
            return "\(count) test(s) with severity error failed: \(names.joined(separator: ", "))"
        case let .sourcesFailed(sources):
            return "These sources failed and kept their previous data: \(sources.joined(separator: ", "))"
        case let .nothingPublished(reason):
            return "Nothing was published: \(reason)"
        case let .invalidArgument(message):
            return message
        case let .runInProgress(holder):
            return "Another run holds this warehouse: \(holder). Wait for it (run again without --no-wait) or stop it first."
        }
    }

    public var errorDescription: String? { description }
}

import Foundation

public enum GeneratorError: Error, CustomStringConvertible, Sendable {
    case unreadableReferential(file: String, reason: String)
    case invalidScale(Double)
    case notEnoughCommunes(available: Int, targetRecords: Int)
    case unwritableOutput(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadableReferential(file, reason):
            return "cannot read the referential \(file): \(reason)"
        case let .invalidScale(scale):
            return "the scale must be a positive number (got \(scale)); 1 gives about 10,000 records"
        case let .notEnoughCommunes(available, target):
            return "the \(available) communes of the referential give fewer than \(target) records; use a smaller scale"
        case let .unwritableOutput(path, reason):
            return "cannot write \(path): \(reason)"
        }
    }
}

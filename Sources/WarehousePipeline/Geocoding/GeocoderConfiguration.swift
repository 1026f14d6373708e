import Foundation
import WarehouseCore

/// An optional remote address geocoder. Refreshes never need one: without it
/// coordinates come from the sources or from the commune's point.
public struct GeocoderConfiguration: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// The Base Adresse Nationale's CSV batch API (`POST <url>/search/csv/`).
        case ban
    }

    public static let defaultThreshold = 0.75
    public static let defaultBatchSize = 2_000

    public let kind: Kind
    public let url: URL
    /// Results scoring below it are cached but not used: the source's own
    /// values are kept.
    public let threshold: Double
    public let batchSize: Int

    public init(kind: Kind, url: URL, threshold: Double = defaultThreshold, batchSize: Int = defaultBatchSize) throws {
        guard let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw WarehouseError.invalidArgument("--geocoder-url must be an http(s) URL such as https://api-adresse.data.gouv.fr, not '\(url.absoluteString)'")
        }
        guard (0...1).contains(threshold) else {
            throw WarehouseError.invalidArgument("--geocoder-threshold must be between 0 and 1, not \(threshold)")
        }
        self.kind = kind
        self.url = url
        self.threshold = threshold
        self.batchSize = max(1, batchSize)
    }
}

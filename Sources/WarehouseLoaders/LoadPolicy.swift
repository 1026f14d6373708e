/// What a load accepts before it makes a source's new records current.
public struct LoadPolicy: Sendable {
    /// A stream whose new load keeps fewer than this share of the records
    /// of the source's last good load is held back (0.5 = half).
    public var minimumShare: Double
    /// Sources whose shrunk or empty load an operator accepted
    /// (`warehouse refresh --accept-shrink SOURCE`).
    public var acceptedShrinks: Set<String>

    public init(minimumShare: Double = 0.5, acceptedShrinks: Set<String> = []) {
        self.minimumShare = minimumShare
        self.acceptedShrinks = acceptedShrinks
    }

    public static let `default` = LoadPolicy()
}

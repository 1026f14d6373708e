import Foundation

/// The producers whose snapshots are generated, in the order they are written.
enum GeneratedSource: String, CaseIterable {
    case dora
    case emploisDeLinclusion = "emplois-de-linclusion"
    case soliguide
    case mediationNumerique = "mediation-numerique"
    case finess

    /// The folder under the output directory, as `warehouse load` expects it.
    var slug: String { rawValue }
}

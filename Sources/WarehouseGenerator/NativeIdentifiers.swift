import Foundation

/// The ids each producer gives its records, in its own shape: UUIDs (DORA,
/// les emplois, médiation numérique), increasing integers (Soliguide's
/// `lieu_id`), nine-character FINESS numbers (département + seven digits).
/// Unique within a source, as the marts require.
struct NativeIdentifiers {
    private var random: SeededRandom
    private var nextLieuID: Int
    private var finessNumbers: Set<String> = []

    init(seed: UInt64) {
        random = SeededRandom(seed: seed, stream: "ids")
        nextLieuID = 1000 + random.integer(in: 0...8000)
    }

    mutating func next(for source: GeneratedSource, organisation: Organisation) -> String {
        switch source {
        case .dora, .emploisDeLinclusion, .mediationNumerique:
            return random.uuid()
        case .soliguide:
            nextLieuID += random.integer(in: 1...4)
            return String(nextLieuID)
        case .finess:
            let department = WorldBuilder.finessDepartment(organisation.territory.departmentCode)
            while true {
                let number = department + random.digits(count: 7)
                if finessNumbers.insert(number).inserted { return number }
            }
        }
    }
}

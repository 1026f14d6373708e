import Foundation

/// One source's record of an organisation, after the noise: what a writer
/// puts in that source's format.
struct SourceRecord {
    let organisation: Organisation
    let source: GeneratedSource
    /// The producer's id (`dora--<id>` etc. in the marts).
    let nativeID: String
    /// The second listing of an organisation in the same source.
    let isWithinSourceDuplicate: Bool
    var name: String
    var number: String?
    var repetition: String?
    /// Street type and name as typed; nil when the record has no street line.
    var street: String?
    var complement: String?
    var postalCode: String
    var locality: String
    var codeInsee: String?
    var location: GeoPoint?
    /// Ten digits (or a short number) of the phone given, and how it is typed.
    var phoneDigits: String?
    var phone: String?
    var email: String?
    var website: String?
    var siret: String?
    var updated: CalendarDay
    /// The mart id this record becomes.
    var martID: String { "\(source.slug)--\(nativeID)" }

    /// "12 bis rue de la Gare".
    var streetLine: String? {
        guard let street else { return nil }
        return [number, repetition, street].compactMap { $0 }.joined(separator: " ")
    }
}

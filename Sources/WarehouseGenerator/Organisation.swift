import Foundation

/// One real organisation of the generated world: what every source's record
/// of it is a noisy copy of. Its `entity` is the truth file's id.
struct Organisation {
    /// Stable id, unique in a run: `<kind>-<INSEE code>[-<n>]` ("ccas-35238").
    let entity: String
    let kind: OrganisationKind
    /// The SIAE convention (ACI, EI…), the CMP public ("adultes", "enfants"),
    /// the FINESS category of an out-of-scope establishment; else nil.
    let activity: String?
    /// Names it goes by, with how often each is used; the first is the official one.
    let names: [(text: String, weight: Double)]
    let address: PostalAddress
    let territory: Territory
    /// Where the building is.
    let location: GeoPoint
    /// Ten digits, national form ("0474240308"), or a short number as listed.
    let phoneDigits: String?
    let email: String?
    let website: String?
    /// A valid SIRET (Luhn key), possibly shared with other organisations
    /// (a head office's, a département association's).
    let siret: String?
    /// FINESS legal-entity number for establishments (the body that runs them).
    let finessLegalEntity: String?

    var officialName: String { names[0].text }
}

/// A postal address in parts, as registers keep it.
struct PostalAddress {
    /// "12", "16-20"; nil for a street without number.
    var number: String?
    /// "bis", "ter".
    var repetition: String?
    /// Street type and name: "rue de la Gare"; nil when the address has no street line.
    var street: String?
    /// "Bâtiment B", "2e étage".
    var complement: String?
    var postalCode: String
    var locality: String
    var codeInsee: String

    /// "12 bis rue de la Gare".
    var streetLine: String? {
        guard let street else { return nil }
        return [number, repetition, street].compactMap { $0 }.joined(separator: " ")
    }

    /// Splits a written street line ("16-20 rue des Batignolles", "12 bis Place X",
    /// "Le Bourg") into number, repetition and street.
    static func parts(ofStreetLine line: String) -> (number: String?, repetition: String?, street: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let first = words.first, first.first?.isNumber == true,
              first.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "/" }) || first.hasSuffix(",")
        else { return (nil, nil, line) }
        var rest = Array(words.dropFirst())
        let number = first.trimmingCharacters(in: CharacterSet(charactersIn: ","))
        var repetition: String?
        if let next = rest.first, ["bis", "ter", "quater"].contains(next.lowercased()) {
            repetition = next.lowercased()
            rest.removeFirst()
        }
        guard !rest.isEmpty else { return (nil, nil, line) }
        return (number, repetition, rest.joined(separator: " "))
    }
}

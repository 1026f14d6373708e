import Foundation

/// A commune (or a municipal arrondissement of Paris, Lyon or Marseille) with
/// its real town hall: the place where the generated organisations live.
struct Territory {
    /// INSEE code of the commune or arrondissement (`35238`, `69383`).
    let codeInsee: String
    /// The city's commune code for an arrondissement (`69123`), else nil.
    let parentCodeInsee: String?
    /// 3 for "Lyon 3e Arrondissement".
    let arrondissementNumber: Int?
    /// The referential's name ("Lyon 3e Arrondissement", "Abergement-Clémenciat").
    let officialName: String
    /// The locality as the town hall's postal address writes it, with its
    /// article and without any CEDEX mention ("L'Abergement-Clémenciat", "Lyon").
    let locality: String
    let departmentCode: String
    let departmentName: String
    let regionCode: String
    /// The commune's ordinary postal codes (first = main one).
    let postalCodes: [String]
    let population: Int
    /// The referential's point inside the commune (area centroid).
    let centroid: GeoPoint
    let townHall: TownHall

    var isArrondissement: Bool { arrondissementNumber != nil }

    /// How names and mailboxes tell the place apart: "Lyon 3e" for an
    /// arrondissement, else the locality.
    var placeName: String {
        arrondissementNumber.map { "\(locality) \($0 == 1 ? "1er" : "\($0)e")" } ?? locality
    }

    /// The commune code an establishment register uses (the city's for an arrondissement).
    var communeCodeInsee: String { parentCodeInsee ?? codeInsee }
}

/// The town hall as the Annuaire de l'administration describes it.
struct TownHall {
    /// "119 route de la Fontaine"; nil for the few town halls listed without one.
    let streetLine: String?
    /// The postal code of its address, which may be a CEDEX code (13233).
    let postalCode: String
    let isCedex: Bool
    /// Ten digits ("0474240308"), or a short number as listed ("3013"); nil when none.
    let phoneDigits: String?
    let email: String?
    let website: String?
    let location: GeoPoint?
}

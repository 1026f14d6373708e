import Foundation

/// The query parameters of the list and search endpoints, read and checked
/// against the vocabularies. Lists come as repeated keys
/// (`thematiques=a&thematiques=b`, as data·inclusion takes them); a comma
/// inside one value also separates. An unknown value is a 422 naming the
/// parameter and the accepted values; unknown parameter names are ignored.
struct ListParameters: Sendable {
    var page = 1
    var size = APIConfiguration.defaultPageSize
    var cursor: Cursor?
    var usesCursor = false
    var sources: [String]?
    var reseauxPorteurs: [String]?
    var codeRegion: String?
    var codeDepartement: String?
    var codeCommune: String?
    var thematiques: [String]?
    var frais: [String]?
    var publics: [String]?
    var recherchePublic: String?
    var modesAccueil: [String]?
    var types: [String]?
    var scoreQualiteMinimum: Double?
    var exclureDoublons = false
    var latitude: Double?
    var longitude: Double?
    var distanceMaximumKm: Double = 50
    var fullText: String?
    /// What the client asked, for the consumption events.
    var used: [String: UsedValue] = [:]

    /// Which parameters an endpoint takes beyond page/size.
    enum Endpoint: String {
        case structures, services, searchServices, search
    }

    /// Nothing asked: every default.
    init() {}

    init(_ query: [(String, String)], endpoint: Endpoint, vocabularies: Vocabularies) throws {
        // PostgreSQL text cannot hold NUL: refused here rather than by the database
        if let (name, value) = query.first(where: { $0.1.contains("\u{0}") }) {
            throw ParameterError(name, "\(name) must not contain the NUL character", input: value)
        }
        let reader = QueryReader(pairs: query)
        page = reader.integer("page", minimum: 1) ?? 1
        size = reader.integer("size", minimum: 1, maximum: APIConfiguration.maximumPageSize) ?? APIConfiguration.defaultPageSize
        if let cursorText = reader.single("cursor") {
            usesCursor = true
            do {
                cursor = cursorText.isEmpty || cursorText == "start" ? nil : try Cursor(decoding: cursorText)
            } catch let error as ParameterError { reader.errors.append(error) }
        }
        // any source name: an unknown one finds nothing, as data·inclusion
        sources = reader.strings("sources")
        codeCommune = reader.communeCode("code_commune")
        scoreQualiteMinimum = reader.number("score_qualite_minimum")
        if endpoint != .searchServices {
            codeRegion = reader.territory(code: "code_region", slug: "slug_region", territories: vocabularies.regions)
            codeDepartement = reader.territory(code: "code_departement", slug: "slug_departement", territories: vocabularies.departements)
        }
        if endpoint == .structures {
            reseauxPorteurs = reader.list("reseaux_porteurs", accepted: vocabularies.accepted("reseaux-porteurs"))
            exclureDoublons = reader.boolean("exclure_doublons") ?? false
        } else {
            let categories = vocabularies.categories
            let thematiqueValues = vocabularies.accepted("thematiques") + categories.keys.sorted()
            thematiques = reader.list("thematiques", accepted: thematiqueValues).map { asked in
                // a category stands for all its thematiques
                Array(Set(asked.flatMap { categories[$0] ?? [$0] })).sorted()
            }
            frais = reader.list("frais", accepted: vocabularies.accepted("frais"))
            publics = reader.list("publics", accepted: vocabularies.accepted("publics"))
            modesAccueil = reader.list("modes_accueil", accepted: vocabularies.accepted("modes-accueil"))
            types = reader.list("types", accepted: vocabularies.accepted("types-services"))
            if endpoint != .search { recherchePublic = reader.single("recherche_public").flatMap { $0.isEmpty ? nil : $0 } }
        }
        if endpoint == .searchServices || endpoint == .search {
            if endpoint == .searchServices { exclureDoublons = reader.boolean("exclure_doublons") ?? false }
            // PostGIS refuses a point off the globe: a range, where data·inclusion has none
            latitude = reader.number("lat", minimum: -90, maximum: 90)
            longitude = reader.number("lon", minimum: -180, maximum: 180)
            if endpoint == .search {
                distanceMaximumKm = Double(reader.integer("distance", minimum: 1) ?? 50)
            } else {
                distanceMaximumKm = reader.number("distance_max", minimum: 1, maximum: 1_000) ?? 50
            }
        }
        if endpoint == .search { fullText = reader.single("q") }
        used = reader.used
        guard reader.errors.isEmpty else { throw ParameterErrors(errors: reader.errors) }
        // checked after the fields, as data·inclusion's model validator is
        if (latitude == nil) != (longitude == nil) {
            throw APIFailure.unprocessable("The `lat` and `lon` must be simultaneously filled.")
        }
    }

    /// Rows to skip before this page; saturates rather than overflow on absurd pages.
    var offset: Int {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: size)
        return overflow ? Int.max : product
    }
}

/// A parameter as the client gave it, kept for the consumption events.
enum UsedValue: Sendable, Encodable {
    case one(String)
    case many([String])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .one(let value): try container.encode(value)
        case .many(let values): try container.encode(values)
        }
    }
}

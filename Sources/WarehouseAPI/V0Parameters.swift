import Foundation

/// The query parameters of `/api/v0/*` as data·inclusion's v0 API took them
/// (its last state, tag of the v0 removal's parent), checked against the v0
/// vocabularies, with the older names it also accepted before November 2024
/// (`source`, `thematique`, `departement`, `departement_slug`, `code_insee`)
/// read as aliases: the newer name wins when both come. Errors are reported
/// as for v1 (QueryReader), all at once.
struct V0Parameters: Sendable {
    enum Endpoint: String {
        case structures, services, searchServices
    }

    /// data·inclusion's v0 search answered 500 results a page by default.
    static let searchDefaultPageSize = 500

    var page = 1
    var size = APIConfiguration.defaultPageSize
    var sources: [String]?
    var typologie: String?
    var labelNational: String?
    /// asked thematiques, each top-level one with its children (as v0 did)
    var thematiques: [String]?
    var codeRegion: String?
    var codeDepartement: String?
    var codeCommune: String?
    var frais: [String]?
    var profils: [String]?
    var modesAccueil: [String]?
    var types: [String]?
    var recherchePublic: String?
    var scoreQualiteMinimum: Double?
    var exclureDoublons = false
    var latitude: Double?
    var longitude: Double?
    var used: [String: UsedValue] = [:]

    init(_ query: [(String, String)], endpoint: Endpoint, vocabularies: V0Vocabularies.Values, territories: Vocabularies) throws {
        if let (name, value) = query.first(where: { $0.1.contains("\u{0}") }) {
            throw ParameterError(name, "\(name) must not contain the NUL character", input: value)
        }
        let reader = QueryReader(pairs: query)
        page = reader.integer("page", minimum: 1) ?? 1
        let defaultSize = endpoint == .searchServices ? Self.searchDefaultPageSize : APIConfiguration.defaultPageSize
        size = reader.integer("size", minimum: 1, maximum: APIConfiguration.maximumPageSize) ?? defaultSize
        let source = reader.single("source").map { [$0] }
        sources = reader.strings("sources") ?? source
        let asked = reader.list("thematiques", accepted: vocabularies.accepted("thematiques"))
            ?? reader.choice("thematique", accepted: vocabularies.accepted("thematiques")).map { [$0] }
        thematiques = asked.map { values in Array(Set(values + values.flatMap { vocabularies.children[$0] ?? [] })).sorted() }
        let commune = reader.communeCode("code_commune")
        if endpoint != .searchServices {
            codeRegion = reader.territory(code: "code_region", slug: "slug_region", territories: territories.regions)
            codeDepartement = reader.territory(code: "code_departement", slug: "slug_departement", territories: territories.departements)
                ?? reader.territory(code: "departement", slug: "departement_slug", territories: territories.departements)
        }
        if endpoint == .structures {
            codeCommune = commune
            typologie = reader.choice("typologie", accepted: vocabularies.accepted("typologies_de_structures"))
            labelNational = reader.choice("label_national", accepted: vocabularies.accepted("labels_nationaux"))
            exclureDoublons = reader.boolean("exclure_doublons") ?? false
        } else {
            codeCommune = commune ?? reader.communeCode("code_insee")
            frais = reader.list("frais", accepted: vocabularies.accepted("frais"))
            profils = reader.list("profils", accepted: vocabularies.accepted("profils"))
            modesAccueil = reader.list("modes_accueil", accepted: vocabularies.accepted("modes_accueil"))
            types = reader.list("types", accepted: vocabularies.accepted("typologies_de_services"))
            recherchePublic = reader.single("recherche_public").flatMap { $0.isEmpty ? nil : $0 }
            scoreQualiteMinimum = reader.number("score_qualite_minimum")
            // v1 has no suspension date: every service is current, and the flag changes nothing
            _ = reader.boolean("inclure_suspendus")
        }
        if endpoint == .searchServices {
            exclureDoublons = reader.boolean("exclure_doublons") ?? false
            latitude = reader.number("lat", minimum: -90, maximum: 90)
            longitude = reader.number("lon", minimum: -180, maximum: 180)
        }
        used = reader.used
        guard reader.errors.isEmpty else { throw ParameterErrors(errors: reader.errors) }
        if (latitude == nil) != (longitude == nil) {
            throw APIFailure.unprocessable("The `lat` and `lon` must be simultaneously filled.")
        }
    }

    var offset: Int {
        let (product, overflow) = (page - 1).multipliedReportingOverflow(by: size)
        return overflow ? Int.max : product
    }
}

extension QueryReader {
    /// One value out of an enumeration (v0's `typologie`, `label_national`).
    func choice(_ name: String, accepted: [String]) -> String? {
        guard let value = single(name) else { return nil }
        guard accepted.contains(value) else {
            errors.append(ParameterError(name, "Input should be \(ParameterError.expected(accepted))", input: value, accepted: accepted,
                                         type: "enum"))
            return nil
        }
        return value
    }
}

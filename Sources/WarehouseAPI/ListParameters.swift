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
        page = try reader.integer("page", minimum: 1, maximum: 1_000_000) ?? 1
        size = try reader.integer("size", minimum: 1, maximum: APIConfiguration.maximumPageSize) ?? APIConfiguration.defaultPageSize
        if let cursorText = reader.single("cursor") {
            usesCursor = true
            cursor = cursorText.isEmpty || cursorText == "start" ? nil : try Cursor(decoding: cursorText)
        }
        sources = try reader.list("sources", accepted: vocabularies.sources.map(\.slug))
        codeCommune = try reader.pattern("code_commune", #"^[0-9][0-9AB][0-9]{3}$"#, example: "59295")
        scoreQualiteMinimum = try reader.number("score_qualite_minimum", minimum: 0, maximum: 1)
        let wantsTerritories = endpoint != .searchServices
        if wantsTerritories {
            codeRegion = try reader.territory(code: "code_region", slug: "slug_region", territories: vocabularies.regions)
            codeDepartement = try reader.territory(code: "code_departement", slug: "slug_departement", territories: vocabularies.departements)
        }
        if endpoint == .structures {
            reseauxPorteurs = try reader.list("reseaux_porteurs", accepted: vocabularies.accepted("reseaux-porteurs"))
            exclureDoublons = try reader.boolean("exclure_doublons") ?? false
        } else {
            let categories = vocabularies.categories
            let thematiqueValues = vocabularies.accepted("thematiques") + categories.keys.sorted()
            thematiques = try reader.list("thematiques", accepted: thematiqueValues).map { asked in
                // a category stands for all its thematiques
                Array(Set(asked.flatMap { categories[$0] ?? [$0] })).sorted()
            }
            frais = try reader.list("frais", accepted: vocabularies.accepted("frais"))
            publics = try reader.list("publics", accepted: vocabularies.accepted("publics"))
            modesAccueil = try reader.list("modes_accueil", accepted: vocabularies.accepted("modes-accueil"))
            types = try reader.list("types", accepted: vocabularies.accepted("types-services"))
            if endpoint != .search { recherchePublic = reader.single("recherche_public").flatMap { $0.isEmpty ? nil : $0 } }
        }
        if endpoint == .searchServices || endpoint == .search {
            exclureDoublons = try reader.boolean("exclure_doublons") ?? false
            latitude = try reader.number("lat", minimum: -90, maximum: 90)
            longitude = try reader.number("lon", minimum: -180, maximum: 180)
            if (latitude == nil) != (longitude == nil) {
                throw ParameterError(latitude == nil ? "lat" : "lon", "lat and lon go together: give both or neither")
            }
            let distanceName = endpoint == .search ? "distance" : "distance_max"
            distanceMaximumKm = try reader.number(distanceName, minimum: 1, maximum: 1_000) ?? 50
        }
        if endpoint == .search { fullText = reader.single("q").flatMap { $0.isEmpty ? nil : $0 } }
        used = reader.used
    }
}

/// Reads raw query pairs, remembering what was used.
final class QueryReader {
    let pairs: [(String, String)]
    private(set) var used: [String: UsedValue] = [:]

    init(pairs: [(String, String)]) { self.pairs = pairs }

    func values(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.flatMap { $0.1.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    func single(_ name: String) -> String? {
        guard let value = pairs.last(where: { $0.0 == name })?.1 else { return nil }
        used[name] = .one(value)
        return value
    }

    func list(_ name: String, accepted: [String]) throws -> [String]? {
        let given = values(name)
        guard !given.isEmpty else { return nil }
        let known = Set(accepted)
        if let unknown = given.first(where: { !known.contains($0) }) {
            throw ParameterError(name, "'\(unknown)' is not an accepted value of \(name)", input: unknown, accepted: accepted.sorted())
        }
        used[name] = .many(given)
        return given
    }

    func integer(_ name: String, minimum: Int, maximum: Int) throws -> Int? {
        guard let text = single(name) else { return nil }
        guard let value = Int(text) else { throw ParameterError(name, "\(name) must be a whole number", input: text) }
        guard (minimum...maximum).contains(value) else {
            throw ParameterError(name, "\(name) must be between \(minimum) and \(maximum)", input: text)
        }
        return value
    }

    func number(_ name: String, minimum: Double, maximum: Double) throws -> Double? {
        guard let text = single(name) else { return nil }
        guard let value = Double(text), value.isFinite else { throw ParameterError(name, "\(name) must be a number", input: text) }
        guard (minimum...maximum).contains(value) else {
            throw ParameterError(name, "\(name) must be between \(minimum.formatted()) and \(maximum.formatted())", input: text)
        }
        return value
    }

    func boolean(_ name: String) throws -> Bool? {
        guard let text = single(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ParameterError(name, "\(name) must be true or false", input: text, accepted: ["true", "false"])
        }
    }

    func pattern(_ name: String, _ regex: String, example: String) throws -> String? {
        guard let text = single(name) else { return nil }
        guard text.range(of: regex, options: .regularExpression) != nil else {
            throw ParameterError(name, "\(name) must be an INSEE code of 5 characters such as \(example)", input: text)
        }
        return text
    }

    /// A territory given by code or by slug; both must agree when both come.
    func territory(code codeName: String, slug slugName: String, territories: [Vocabularies.Territory]) throws -> String? {
        var code: String?
        if let given = single(codeName) {
            guard territories.contains(where: { $0.code == given }) else {
                throw ParameterError(codeName, "'\(given)' is not a known \(codeName)", input: given, accepted: territories.map(\.code))
            }
            code = given
        }
        if let given = single(slugName) {
            guard let territory = territories.first(where: { $0.slug == given }) else {
                throw ParameterError(slugName, "'\(given)' is not a known \(slugName)", input: given, accepted: territories.map(\.slug))
            }
            if let code, code != territory.code {
                throw ParameterError(slugName, "\(slugName) '\(given)' and \(codeName) '\(code)' name different territories", input: given)
            }
            code = territory.code
        }
        return code
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

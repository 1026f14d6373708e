import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The v1 vocabularies and the territories, read once when the server
/// starts: they validate parameters and answer `/doc/*` and `/sources`.
public struct Vocabularies: Sendable {
    public struct Value: Sendable {
        public let value: String
        public let label: String
        public let description: String?
    }

    public struct Territory: Sendable {
        public let code: String
        public let slug: String
    }

    /// `/doc/<name>` → the seed holding it.
    static let documented: [(path: String, seed: String)] = [
        ("frais", "v1_frais"), ("modes-accueil", "v1_modes_accueil"), ("modes-mobilisation", "v1_modes_mobilisation"),
        ("personnes-mobilisatrices", "v1_personnes_mobilisatrices"), ("publics", "v1_publics"),
        ("reseaux-porteurs", "v1_reseaux_porteurs"), ("thematiques", "v1_thematiques"), ("types-services", "v1_types_de_services"),
    ]

    public let values: [String: [Value]]
    /// thematique category → its thematiques
    public let categories: [String: [String]]
    public let regions: [Territory]
    public let departements: [Territory]
    /// slug, nom, description (null)
    public let sources: [(slug: String, nom: String)]

    public func accepted(_ path: String) -> [String] { values[path]?.map(\.value) ?? [] }

    public static func load(_ database: Database) async throws -> Vocabularies {
        guard try await database.scalarInt("select count(*) from pg_tables where schemaname = 'seeds' and tablename = 'v1_thematiques'") == 1 else {
            throw WarehouseError.nothingPublished(reason: "the vocabularies (seeds.v1_*) are missing: run `warehouse refresh` first")
        }
        var values: [String: [Value]] = [:]
        for (path, seed) in documented {
            values[path] = try await database.rows("select value, label, nullif(description, '') from seeds.\(seed) order by value").map {
                let (value, label, description) = try $0.decode((String, String, String?).self)
                return Value(value: value, label: label, description: description)
            }
        }
        var categories: [String: [String]] = [:]
        for row in try await database.rows("select categorie, value from seeds.v1_thematiques order by value") {
            let (category, value) = try row.decode((String, String).self)
            categories[category, default: []].append(value)
        }
        let slug = "trim(both '-' from regexp_replace(lower(unaccent(nom)), '[^a-z0-9]+', '-', 'g'))"
        let regions = try await database.rows("select code, \(slug) from seeds.ref_regions order by code").map {
            let (code, slug) = try $0.decode((String, String).self)
            return Territory(code: code, slug: slug)
        }
        let departements = try await database.rows("select code, \(slug) from seeds.ref_departements order by code").map {
            let (code, slug) = try $0.decode((String, String).self)
            return Territory(code: code, slug: slug)
        }
        let sources = try await database.rows("select slug, label from seeds.ref_sources order by slug").map {
            let (slug, label) = try $0.decode((String, String).self)
            return (slug: slug, nom: label)
        }
        return Vocabularies(values: values, categories: categories, regions: regions, departements: departements, sources: sources)
    }
}

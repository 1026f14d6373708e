import Foundation
import Testing
import WarehouseTestSupport
import WarehouseValidation

/// `warehouse validate`'s rules, one broken field at a time: a valid pair of
/// files gives nothing, each broken row gives exactly its (field, rule).
@Suite struct FileValidatorTests {
    typealias F = ValidatorFixtures

    static func validator(_ limits: ValidationLimits = .commandLine, schema: SchemaVersion = .v1) throws -> FileValidator {
        try FileValidator(layout: TestDatabase.layout, schema: schema, limits: limits)
    }

    /// The structures and services files as CSV, the second row of the chosen file broken.
    static func pair(structures: [F.Row] = [F.structure], services: [F.Row] = [F.service]) -> [ValidationInput] {
        [ValidationInput(name: "structures.csv", data: Data(F.csv(structures).utf8)),
         ValidationInput(name: "services.csv", data: Data(F.csv(services).utf8))]
    }

    static func found(_ report: ValidationReport) -> [String] {
        report.errors.map { "\($0.entity.rawValue) \($0.row.map(String.init) ?? "-") \($0.field) \($0.rule)" }.sorted()
    }

    @Test func aValidPairGivesNoError() throws {
        let report = try Self.validator().validate(Self.pair())
        #expect(report.isValid, "\(report.text)")
        #expect(report.files.map(\.entity) == [.structures, .services])
        #expect(report.files.map(\.rows) == [1, 1])
        #expect(report.notes.isEmpty)
    }

    static let brokenStructures: [([String: String], String, String)] = [
        (["source": ""], "source", "required"),
        (["nom": ""], "nom", "required"),
        (["date_maj": ""], "date_maj", "required"),
        (["nom": "ab"], "nom", "min_length"),
        (["nom": String(repeating: "n", count: 151)], "nom", "max_length"),
        (["date_maj": "1999-12-31"], "date_maj", "date_range"),
        (["date_maj": "2099-01-01"], "date_maj", "date_range"),
        (["date_maj": "14/02/2025"], "date_maj", "date"),
        (["date_maj": "2025-02-30"], "date_maj", "date"),
        (["description": "abc"], "description", "min_length"),
        (["lien_source": "ftp://exemple.fr/page"], "lien_source", "url"),
        (["site_web": "www.exemple.fr"], "site_web", "url"),
        (["accessibilite_lieu": "acceslibre"], "accessibilite_lieu", "url"),
        (["siret": "1234"], "siret", "pattern"),
        (["siret": "12345678900000"], "siret", "siret_key"),
        (["code_postal": "7500"], "code_postal", "pattern"),
        (["code_insee": "750"], "code_insee", "pattern"),
        (["courriel": "accueil@@exemple"], "courriel", "email"),
        (["reseaux_porteurs": "aci,aci"], "reseaux_porteurs", "unique_items"),
        (["reseaux_porteurs": "pas-un-reseau"], "reseaux_porteurs", "enum"),
        (["latitude": "nord"], "latitude", "type"),
    ]

    @Test(arguments: brokenStructures)
    func eachBrokenStructureGivesExactlyItsRule(overrides: [String: String], field: String, rule: String) throws {
        var base = F.structure
        if overrides["accessibilite_lieu"] != nil { base.append(("accessibilite_lieu", "")) }
        let report = try Self.validator().validate(Self.pair(structures: [F.row(base, overrides)]))
        #expect(Self.found(report) == ["structures 1 \(field) \(rule)"])
        let issue = try #require(report.errors.first)
        #expect(issue.id == "mon-territoire--s1")
        #expect(issue.message.contains("« \(field) »") || rule == "siret_key", "\(issue.message)")
        #expect(!report.isValid)
    }

    static let brokenServices: [([String: String], String, String)] = [
        (["structure_id": ""], "structure_id", "required"),
        (["description": ""], "description", "required"),
        (["type": "atelierr"], "type", "enum"),
        (["frais": "gratuite"], "frais", "enum"),
        (["thematiques": "pas-une-thematique"], "thematiques", "enum"),
        (["modes_mobilisation": "par-pigeon"], "modes_mobilisation", "enum"),
        (["mobilisable_par": "usagers,usagers"], "mobilisable_par", "unique_items"),
        (["publics": "tous-publics,jeunes"], "publics", "tous_publics_exclusive"),
        (["zone_eligibilite": "59350,1234"], "zone_eligibilite", "pattern"),
        (["volume_horaire_hebdomadaire": "-1"], "volume_horaire_hebdomadaire", "minimum"),
        (["nombre_semaines": "0"], "nombre_semaines", "minimum"),
        (["nombre_semaines": "2.5"], "nombre_semaines", "type"),
        (["lien_mobilisation": "www exemple fr"], "lien_mobilisation", "url"),
        (["structure_id": "mon-territoire--inconnue"], "structure_id", "foreign_key"),
    ]

    @Test(arguments: brokenServices)
    func eachBrokenServiceGivesExactlyItsRule(overrides: [String: String], field: String, rule: String) throws {
        let report = try Self.validator().validate(Self.pair(services: [F.row(F.service, overrides)]))
        #expect(Self.found(report) == ["services 1 \(field) \(rule)"])
        #expect(report.errors.first?.message.isEmpty == false)
    }

    @Test func aRepeatedIdIsReportedOnEveryCopy() throws {
        let second = F.row(F.structure, ["nom": "Autre structure"])
        let report = try Self.validator().validate(Self.pair(structures: [F.structure, second]))
        #expect(Self.found(report) == ["structures 1 id unique", "structures 2 id unique"])
    }

    @Test func anEmptyListInJSONBreaksMinItems() throws {
        var service = F.jsonObject(F.service)
        service["publics"] = [String]()
        let data = try JSONSerialization.data(withJSONObject: [service])
        let report = try Self.validator().validate([ValidationInput(name: "services.json", data: data)])
        #expect(Self.found(report) == ["services 1 publics min_items"])
        // without the structures file, the foreign key cannot be checked: said, not failed
        #expect(report.notes.count == 1)
    }

    @Test func aSuggestionNamesTheClosestValue() throws {
        let report = try Self.validator().validate(Self.pair(services: [F.row(F.service, ["type": "atelierr"])]))
        #expect(report.errors.first?.message.contains("vouliez-vous dire « atelier »") == true)
    }

    @Test func theEntityIsGuessedOrTheMessageSaysHowToGiveIt() throws {
        let neutral: F.Row = [("source", "x"), ("id", "x--1"), ("nom", "Nom correct"), ("date_maj", "2025-01-01")]
        let unnamed = try Self.validator().validate([ValidationInput(name: "export.csv", data: Data(F.csv([neutral]).utf8))])
        #expect(unnamed.problems.map(\.rule) == ["entity_unknown"])
        #expect(unnamed.problems.first?.message.contains("--entity") == true)
        let named = try Self.validator().validate([ValidationInput(name: "mes-structures.csv", data: Data(F.csv([neutral]).utf8))])
        #expect(named.files.first?.entity == .structures)
        #expect(named.isValid)
        let said = try Self.validator().validate([ValidationInput(name: "export.csv", data: Data(F.csv([neutral]).utf8), entity: .structures)])
        #expect(said.isValid)
    }
}

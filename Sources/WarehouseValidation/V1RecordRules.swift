import Foundation

/// The rules of int__validation_errors.sql for one record, in Swift, with
/// the same rule names. What SQL cannot meet because its columns are already
/// typed is checked first: `type` (a text where a number or list belongs)
/// and `date` (not YYYY-MM-DD). `siret_key` is the check the marts apply
/// when they keep a SIRET (`siret_is_valid`): a wrong key is not published.
/// Keys across records (`unique`, `foreign_key`) are the validator's.
struct V1RecordRules {
    let vocabularies: SchemaVocabularies
    let today: String

    static let urlFields: [ValidationIssue.Entity: [String]] = [
        .structures: ["lien_source", "site_web", "accessibilite_lieu"],
        .services: ["lien_source", "lien_mobilisation"],
    ]
    static let serviceSets = ["thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par"]
    static let nonEmptyLists = ["publics", "modes_mobilisation", "mobilisable_par", "zone_eligibilite"]

    func check(_ record: InputRecord, entity: ValidationIssue.Entity, isTabular: Bool) -> [Finding] {
        var reader = FieldReader(record: record, isTabular: isTabular)
        var findings: [Finding] = []
        let required = entity == .structures
            ? ["source", "id", "nom", "date_maj"]
            : ["source", "id", "structure_id", "nom", "description", "date_maj"]
        for field in required where !reader.isPresent(field) {
            findings.append(Finding(field: field, rule: "required", value: nil))
        }
        for field in ["source", "id", "structure_id"] where entity == .services || field != "structure_id" {
            _ = reader.text(field)
        }
        if let nom = reader.text("nom") { findings += lengths("nom", nom, minimum: 3, maximum: 150) }
        if let date = reader.date("date_maj"), date < "2000-01-01" || date > today {
            findings.append(Finding(field: "date_maj", rule: "date_range", value: date, detail: today))
        }
        if let description = reader.text("description") { findings += lengths("description", description, minimum: 5, maximum: 10000) }
        for field in Self.urlFields[entity] ?? [] {
            guard let url = reader.text(field) else { continue }
            if !FieldFormats.matches(FieldFormats.url, url) { findings.append(Finding(field: field, rule: "url", value: url)) }
            if FieldFormats.length(url) > 2083 { findings.append(Finding(field: field, rule: "max_length", value: url, detail: "2083")) }
        }
        if entity == .structures, let siret = reader.text("siret") {
            if !FieldFormats.matches(FieldFormats.siret, siret) {
                findings.append(Finding(field: "siret", rule: "pattern", value: siret, detail: "14 chiffres"))
            } else if !FieldFormats.hasValidSiretKey(siret) {
                findings.append(Finding(field: "siret", rule: "siret_key", value: siret))
            }
        }
        if let code = reader.text("code_postal"), !FieldFormats.matches(FieldFormats.codePostal, code) {
            findings.append(Finding(field: "code_postal", rule: "pattern", value: code, detail: "5 chiffres"))
        }
        if let code = reader.text("code_insee"), !FieldFormats.matches(FieldFormats.codeInsee, code) {
            findings.append(Finding(field: "code_insee", rule: "pattern", value: code, detail: "5 caractères (chiffres, ou 2A/2B pour la Corse)"))
        }
        if let email = reader.text("courriel"), !FieldFormats.isEmail(email) {
            findings.append(Finding(field: "courriel", rule: "email", value: email))
        }
        for field in ["longitude", "latitude"] { _ = reader.number(field) }
        for field in ["commune", "adresse", "complement_adresse", "telephone", "horaires_accueil"] { _ = reader.text(field) }
        switch entity {
        case .structures:
            if let networks = reader.list("reseaux_porteurs") {
                findings += enumItems("reseaux_porteurs", networks)
                let values = networks.compactMap { $0 }
                if Set(values).count != values.count {
                    findings.append(Finding(field: "reseaux_porteurs", rule: "unique_items", value: values.joined(separator: ",")))
                }
            }
        case .services:
            findings += serviceRules(&reader)
        }
        return reader.findings + findings
    }

    private func serviceRules(_ reader: inout FieldReader) -> [Finding] {
        var findings: [Finding] = []
        for field in ["frais_precisions", "publics_precisions", "conditions_acces", "contact_nom_prenom", "mobilisation_precisions"] {
            _ = reader.text(field)
        }
        var lists: [String: [String?]] = [:]
        for field in Self.serviceSets + ["zone_eligibilite"] { lists[field] = reader.list(field) }
        for field in Self.nonEmptyLists where lists[field]?.isEmpty == true {
            findings.append(Finding(field: field, rule: "min_items", value: "[]"))
        }
        if let publics = lists["publics"], publics.contains("tous-publics"), publics.count > 1 {
            findings.append(Finding(field: "publics", rule: "tous_publics_exclusive", value: publics.compactMap { $0 }.joined(separator: ",")))
        }
        if let hours = reader.number("volume_horaire_hebdomadaire"), hours < 0 {
            findings.append(Finding(field: "volume_horaire_hebdomadaire", rule: "minimum", value: Self.number(hours), detail: "0"))
        }
        if let weeks = reader.number("nombre_semaines", integer: true), weeks < 1 {
            findings.append(Finding(field: "nombre_semaines", rule: "minimum", value: Self.number(weeks), detail: "1"))
        }
        for field in Self.serviceSets {
            guard let items = lists[field] else { continue }
            findings += enumItems(field, items)
        }
        for field in ["type", "frais"] {
            if let value = reader.text(field), !vocabularies.accepts(value, in: field) {
                findings.append(enumFinding(field, value))
            }
        }
        for field in Self.serviceSets {
            guard let items = lists[field] else { continue }
            var seen: Set<String> = []
            var reported: Set<String> = []
            for case let item? in items where !seen.insert(item).inserted && reported.insert(item).inserted {
                findings.append(Finding(field: field, rule: "unique_items", value: item))
            }
        }
        for item in lists["zone_eligibilite"] ?? [] where item.map({ !FieldFormats.matches(FieldFormats.zone, $0) }) ?? true {
            findings.append(Finding(field: "zone_eligibilite", rule: "pattern", value: item,
                                    detail: "un code commune (5 caractères), département (2 ou 3), EPCI (9 chiffres), pays (99xxx) ou \"france\""))
        }
        return findings
    }

    private func lengths(_ field: String, _ text: String, minimum: Int, maximum: Int) -> [Finding] {
        let length = FieldFormats.length(text)
        if length < minimum { return [Finding(field: field, rule: "min_length", value: text, detail: "\(minimum)")] }
        if length > maximum { return [Finding(field: field, rule: "max_length", value: text, detail: "\(maximum)")] }
        return []
    }

    private func enumItems(_ field: String, _ items: [String?]) -> [Finding] {
        items.compactMap { item in
            guard let item else { return Finding(field: field, rule: "enum", value: nil) }
            return vocabularies.accepts(item, in: field) ? nil : enumFinding(field, item)
        }
    }

    private func enumFinding(_ field: String, _ value: String) -> Finding {
        Finding(field: field, rule: "enum", value: value, detail: vocabularies.suggestion(for: value, in: field))
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

import Foundation

/// What a file is: by its extension, else by its first bytes (a zip is an
/// XLSX workbook, '[' or '{' starts JSON, anything else is read as CSV).
enum FileFormat {
    case csv, xlsx, json

    static func detect(name: String, data: Data) -> FileFormat {
        switch URL(fileURLWithPath: name).pathExtension.lowercased() {
        case "xlsx": return .xlsx
        case "json", "jsonl", "ndjson": return .json
        case "csv", "txt": return .csv
        default: break
        }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .xlsx }
        let first = data.first { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{") ? .json : .csv
    }
}

/// Whether a file holds structures or services, when the producer did not
/// say: a `structure_id` column (or another field only services have) makes
/// services; a field only structures have makes structures; else the file name.
enum EntityGuess {
    static let serviceOnly: Set<String> = [
        "structure_id", "type", "frais", "publics", "modes_accueil", "zone_eligibilite", "modes_mobilisation",
        "mobilisable_par", "lien_mobilisation", "conditions_acces", "profils", "types", "zone_diffusion_type",
        "modes_orientation_beneficiaire", "modes_orientation_accompagnateur", "prise_rdv", "pre_requis",
    ]
    static let structureOnly: Set<String> = [
        "siret", "site_web", "reseaux_porteurs", "accessibilite_lieu", "typologie", "labels_nationaux", "rna",
        "antenne", "accessibilite", "horaires_ouverture", "labels_autres",
    ]

    static let unknownMessage = "impossible de savoir si le fichier décrit des structures ou des services : ses colonnes ne le disent pas "
        + "(une colonne structure_id désigne des services) ; précisez-le (--entity structures ou --entity services), ou nommez le fichier structures… ou services…"

    static func guess(columns: [String], fileName: String) -> ValidationIssue.Entity? {
        let names = Set(columns)
        let service = !names.isDisjoint(with: serviceOnly)
        let structure = !names.isDisjoint(with: structureOnly)
        if names.contains("structure_id") || (service && !structure) { return .services }
        if structure && !service { return .structures }
        let lowered = fileName.lowercased()
        let namesService = lowered.contains("service"), namesStructure = lowered.contains("structure")
        if namesService != namesStructure { return namesService ? .services : .structures }
        return nil
    }
}

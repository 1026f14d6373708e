import Foundation

/// The sentence a producer reads for each rule: what is wrong and how to
/// fix it, in French, naming the field and quoting the value.
enum IssueMessages {
    static func message(for finding: Finding, entity: ValidationIssue.Entity) -> String {
        let field = "« \(finding.field) »"
        let value = finding.value.map { "« \(shortened($0)) »" } ?? "vide"
        let detail = finding.detail ?? ""
        switch finding.rule {
        case "required":
            return "Le champ \(field) est obligatoire : remplissez-le pour chaque \(entity == .structures ? "structure" : "service")."
        case "type":
            return "Le champ \(field) doit être \(detail) ; la valeur \(value) n'en est pas."
        case "date":
            return "Le champ \(field) doit être une date au format AAAA-MM-JJ (par exemple 2025-02-14) ; \(value) n'en est pas une."
        case "date_range":
            return "La date \(value) du champ \(field) doit être comprise entre le 2000-01-01 et aujourd'hui (\(detail))."
        case "min_length":
            return "Le champ \(field) doit faire au moins \(detail) caractères ; \(value) est trop court."
        case "max_length":
            return "Le champ \(field) doit faire au plus \(detail) caractères ; la valeur en fait \(FieldFormats.length(finding.value ?? ""))."
        case "url":
            return "Le champ \(field) doit être une adresse web complète commençant par http:// ou https:// ; \(value) n'en est pas une."
        case "email":
            return "Le champ \(field) doit être une adresse électronique valide (nom@domaine.fr) ; \(value) n'en est pas une."
        case "pattern":
            return "La valeur \(value) du champ \(field) n'a pas la forme attendue" + (detail.isEmpty ? "." : " : \(detail).")
        case "siret_key":
            return "Le SIRET \(value) a 14 chiffres mais sa clé de contrôle est fausse : vérifiez-le sur annuaire-entreprises.data.gouv.fr. Un SIRET faux n'est pas publié."
        case "enum":
            guard finding.value != nil else { return "La liste \(field) contient une valeur vide." }
            return "La valeur \(value) n'est pas une valeur autorisée du champ \(field)"
                + (finding.detail.map { " ; vouliez-vous dire « \($0) » ?" } ?? " ; voyez la liste des valeurs du référentiel data·inclusion.")
        case "unique_items":
            return "La valeur \(value) est répétée dans la liste \(field) : chaque valeur ne doit y figurer qu'une fois."
        case "min_items":
            return "La liste \(field) est vide : laissez le champ vide s'il n'y a rien à dire, ou donnez au moins une valeur."
        case "tous_publics_exclusive":
            return "Le public « tous-publics » ne peut pas être combiné avec d'autres publics dans \(field) (\(value)) : gardez-le seul, ou retirez-le."
        case "minimum":
            return "Le champ \(field) doit être supérieur ou égal à \(detail) ; \(value) ne l'est pas."
        case "unique":
            return "L'identifiant \(value) apparaît sur plusieurs lignes : chaque \(entity == .structures ? "structure" : "service") doit avoir un « id » unique."
        case "foreign_key":
            return "Le service est rattaché à la structure \(value), qui n'est pas dans le fichier des structures : corrigez « structure_id » ou ajoutez la structure."
        case "row":
            return detail
        default:
            return "La valeur \(value) du champ \(field) enfreint la règle « \(finding.rule) »."
        }
    }

    /// On one line, at most 80 characters: enough to find the value in the file.
    static func shortened(_ text: String) -> String {
        let oneLine = text.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
        return oneLine.count > 80 ? String(oneLine.prefix(77)) + "…" : oneLine
    }
}

import Foundation
import WarehouseCore

extension ValidationReport {
    /// The report as a producer reads it in a terminal: per file, what was
    /// read and a table of its errors (row, field, value, rule, message);
    /// then the files that could not be read, the notes and the summary.
    public var text: String {
        var lines: [String] = []
        for file in files {
            let format = [file.format.uppercased(), file.encoding, file.delimiter.map { "séparateur « \($0) »" }].compactMap { $0 }.joined(separator: ", ")
            lines.append("\(file.file) — \(file.entity?.rawValue ?? "?"), \(format), \(file.rows) ligne\(file.rows > 1 ? "s" : "") : "
                         + (file.errors == 0 ? "aucune erreur" : "\(file.errors) erreur\(file.errors > 1 ? "s" : "") sur \(file.invalidRows) ligne\(file.invalidRows > 1 ? "s" : "")"))
            if !file.ignoredColumns.isEmpty {
                lines.append("  colonnes ignorées (hors schéma \(schema)) : \(file.ignoredColumns.joined(separator: ", "))")
            }
            let rows = errors.filter { $0.file == file.file }.map { issue in
                [issue.row.map(String.init) ?? "", issue.id.map { IssueMessages.shortened($0) } ?? "", issue.field,
                 issue.value.map { IssueMessages.shortened($0) } ?? "", issue.rule, issue.message]
            }
            if !rows.isEmpty {
                lines.append("")
                lines.append(TextTable.render(header: ["ligne", "id", "champ", "valeur", "règle", "message"], rows: rows, maximumWidth: 400))
            }
            lines.append("")
        }
        for problem in problems { lines.append("\(problem.file) : \(problem.message) [\(problem.rule)]") }
        if !problems.isEmpty { lines.append("") }
        lines += notes
        if !notes.isEmpty { lines.append("") }
        let summary = self.summary
        lines.append((isValid ? "Valide. " : "Non valide. ") + summary.message)
        if !summary.byRule.isEmpty {
            lines.append("Erreurs par règle : " + summary.byRule.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON (keys sorted, for diffs and tests).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

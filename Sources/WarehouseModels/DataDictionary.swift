import Foundation

/// docs/data-dictionary.md: every published relation (the marts layer's
/// table models, served as the stable marts.* views) with its description
/// and every column's, from the models' YAML, the same text the publisher
/// writes as COMMENTs on the marts.* views. `warehouse models docs` writes
/// it; a test regenerates it and compares, so it never drifts from the YAML.
public enum DataDictionary {
    /// The published models: the marts layer's tables, by name.
    public static func publishedModels(of project: ModelProject) -> [ModelDefinition] {
        project.models.filter { $0.layer == "marts" && $0.materialized == .table }.sorted { $0.name < $1.name }
    }

    public static func markdown(_ project: ModelProject) -> String {
        let models = publishedModels(of: project)
        var lines = [
            "# Data dictionary",
            "",
            "<!-- Generated from dbt-like-models/models/marts/*.yml by `warehouse models docs --out docs/data-dictionary.md`; do not edit by hand. -->",
            "",
            "Every relation the warehouse publishes, as the stable views `marts.<name>` (each publication re-points them at",
            "the new version schema `marts_v<N>`), with the description of the relation and of each column. The same text",
            "is on the views and their columns as PostgreSQL comments (`\\d+ marts.services` in psql, or any SQL client's",
            "column descriptions). The data·inclusion v0 shapes (`marts_v0.*`) are described in docs/v0.md, the",
            "`reporting` views in docs/reporting.md.",
            "",
            "Relations: " + models.map { "[`marts.\($0.name)`](#marts\($0.name))" }.joined(separator: ", ") + ".",
        ]
        for model in models {
            lines += ["", "## marts.\(model.name)", "", oneLine(model.description ?? "(no description)"), ""]
            lines += ["| Column | Description |", "| --- | --- |"]
            for column in model.columns {
                lines.append("| `\(column.name)` | \(cell(column.description ?? "(no description)")) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// YAML folded text on one line, its spacing collapsed.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A Markdown table cell: no line break, pipes escaped.
    static func cell(_ text: String) -> String {
        oneLine(text).replacingOccurrences(of: "|", with: "\\|")
    }
}

import Foundation
import WarehouseCore

/// `{{ union_by_name(['model_a', 'model_b']) }}`: a `union all` of the models
/// that matches their columns by name, not by position, so that a column
/// added to one source's model cannot silently shift the others. Every
/// column of any model is listed explicitly, in order of first appearance; a
/// model that lacks one gives a NULL of that column's type. The columns are
/// read from the database when the model is built (its parents are built by
/// then), which is why this macro is expanded by the runner, not at load.
/// A name holding `{source}` (`'int_{source}__services_v1'`) stands for that
/// model of every source of the catalog that has one, in catalog order, so a
/// new source joins the union by having the model.
public enum UnionByName {
    public struct Column: Sendable, Equatable {
        public let name: String
        public let type: String

        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }

    static let callPattern = try! NSRegularExpression(
        pattern: #"\{\{\s*union_by_name\s*\((.*?)\)\s*\}\}"#, options: .dotMatchesLineSeparators)

    /// The SQL with every `{source}` name of a call replaced by the models of
    /// the project it stands for; done when the project is loaded.
    public static func expandSourceTemplates(_ sql: String, models: Set<String>) -> String {
        var result = ""
        var cursor = sql.startIndex
        for call in calls(in: sql) {
            let names = ((try? MacroArguments.parse(call.arguments, macro: "union_by_name", file: "")) ?? []).flatMap { name in
                guard name.contains("{source}") else { return [name] }
                return SourceCatalog.all
                    .map { name.replacingOccurrences(of: "{source}", with: $0.slug.replacingOccurrences(of: "-", with: "_")) }
                    .filter(models.contains)
            }
            result += sql[cursor..<call.range.lowerBound]
            result += "{{ union_by_name([\(names.map { "'\($0)'" }.joined(separator: ", "))]) }}"
            cursor = call.range.upperBound
        }
        return result + sql[cursor...]
    }

    /// The models every call lists, in order.
    public static func models(in sql: String) -> [String] {
        calls(in: sql).flatMap { (try? MacroArguments.parse($0.arguments, macro: "union_by_name", file: "")) ?? [] }
    }

    /// The SQL with every call replaced by its `union all`; `columns` gives
    /// each listed model's columns in their order.
    public static func expand(_ sql: String, columns: [String: [Column]], file: String) throws -> String {
        var result = ""
        var cursor = sql.startIndex
        for call in calls(in: sql) {
            let models = try MacroArguments.parse(call.arguments, macro: "union_by_name", file: file)
            guard !models.isEmpty else { throw ModelMacros.misuse("union_by_name", "needs a list of models", file: file) }
            result += sql[cursor..<call.range.lowerBound]
            result += try union(models, columns: columns, file: file)
            cursor = call.range.upperBound
        }
        return result + sql[cursor...]
    }

    static func union(_ models: [String], columns: [String: [Column]], file: String) throws -> String {
        var all: [Column] = []
        for model in models {
            guard let modelColumns = columns[model], !modelColumns.isEmpty else {
                throw ModelMacros.misuse("union_by_name", "cannot read the columns of '\(model)'", file: file)
            }
            all += modelColumns.filter { column in !all.contains { $0.name == column.name } }
        }
        return models.map { model in
            let present = Set(columns[model]!.map(\.name))
            let list = all.map { column in
                present.contains(column.name)
                    ? SQLText.identifier(column.name)
                    : "null::\(column.type) as \(SQLText.identifier(column.name))"
            }
            return "select \(list.joined(separator: ", ")) from {{ ref('\(model)') }}"
        }.joined(separator: "\nunion all\n")
    }

    private static func calls(in sql: String) -> [(range: Range<String.Index>, arguments: String)] {
        callPattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).map { match in
            (Range(match.range, in: sql)!, String(sql[Range(match.range(at: 1), in: sql)!]))
        }
    }
}

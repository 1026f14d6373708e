import Foundation
import WarehouseCore
import Yams

/// What a YAML file next to the models says about them (dbt's
/// `models: [{name, description, config, columns, tests}]`).
struct ModelProperties {
    var description: String?
    var materialized: Materialization?
    /// Column lists to index once a table is built (`config: {indexes: ["a", "b, c"]}`).
    var indexes: [String] = []
    var columns: [ColumnDefinition] = []
    var tests: [TestDefinition] = []
    var mappings: [ValueMapping] = []

    /// All model entries of one YAML file, by model name.
    static func parse(file: URL) throws -> [String: ModelProperties] {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any] else { return [:] }
        var result: [String: ModelProperties] = [:]
        for entry in root["models"] as? [[String: Any]] ?? [] {
            guard let name = entry["name"] as? String else {
                throw WarehouseError.invalidModelConfig(file: file.path, reason: "a model entry has no name")
            }
            result[name] = try parseModel(name: name, entry: entry, file: file)
        }
        return result
    }

    private static func parseModel(name: String, entry: [String: Any], file: URL) throws -> ModelProperties {
        var properties = ModelProperties()
        properties.description = entry["description"] as? String
        if let config = entry["config"] as? [String: Any], let value = config["materialized"] as? String {
            guard let materialized = Materialization(rawValue: value) else {
                throw WarehouseError.invalidModelConfig(file: file.path, reason: "model '\(name)': materialized must be view or table")
            }
            properties.materialized = materialized
        }
        if let config = entry["config"] as? [String: Any], let indexes = config["indexes"] {
            guard let lists = indexes as? [String],
                  lists.allSatisfy({ $0.range(of: #"^\s*[a-z_][a-z0-9_]*(\s*,\s*[a-z_][a-z0-9_]*)*\s*$"#, options: .regularExpression) != nil })
            else {
                throw WarehouseError.invalidModelConfig(
                    file: file.path, reason: "model '\(name)': indexes must be a list of column lists, e.g. [\"prenom\", \"source, id\"]")
            }
            properties.indexes = lists
        }
        for column in entry["columns"] as? [[String: Any]] ?? [] {
            guard let columnName = column["name"] as? String else {
                throw WarehouseError.invalidModelConfig(file: file.path, reason: "model '\(name)': a column has no name")
            }
            properties.columns.append(ColumnDefinition(name: columnName, description: column["description"] as? String))
            for test in column["tests"] as? [Any] ?? column["data_tests"] as? [Any] ?? [] {
                if let mapping = test as? [String: Any], mapping.count == 1,
                   let arguments = mapping["mapped_by_seed"] as? [String: Any] {
                    let (test, valueMapping) = try parseMapping(arguments, model: name, column: columnName, file: file)
                    properties.tests.append(test)
                    properties.mappings.append(valueMapping)
                    continue
                }
                properties.tests.append(try parseTest(test, model: name, column: columnName, file: file))
            }
        }
        for test in entry["tests"] as? [Any] ?? entry["data_tests"] as? [Any] ?? [] {
            properties.tests.append(try parseTest(test, model: name, column: nil, file: file))
        }
        return properties
    }

    /// A test is a bare name (`unique`) or a one-key mapping with arguments.
    private static func parseTest(_ test: Any, model: String, column: String?, file: URL) throws -> TestDefinition {
        let (kindName, arguments): (String, [String: Any])
        if let name = test as? String {
            (kindName, arguments) = (name, [:])
        } else if let mapping = test as? [String: Any], mapping.count == 1, let (name, value) = mapping.first {
            (kindName, arguments) = (name, value as? [String: Any] ?? [:])
        } else {
            throw WarehouseError.invalidModelConfig(file: file.path, reason: "model '\(model)': unreadable test \(test)")
        }
        let severityText = (arguments["severity"] as? String) ?? ((arguments["config"] as? [String: Any])?["severity"] as? String) ?? "error"
        guard let severity = TestDefinition.Severity(rawValue: severityText.lowercased()) else {
            throw WarehouseError.invalidModelConfig(file: file.path, reason: "model '\(model)': severity must be error or warn")
        }
        let kind = try testKind(kindName, arguments: arguments, model: model, file: file)
        let name = ([kindName, model, column].compactMap { $0 } + [argumentSuffix(kind)].compactMap { $0 }).joined(separator: "__")
        return TestDefinition(name: name, model: model, column: column, kind: kind, severity: severity)
    }

    /// A `mapped_by_seed` test (see ValueMapping), a warning unless told.
    private static func parseMapping(_ arguments: [String: Any], model: String, column: String,
                                     file: URL) throws -> (TestDefinition, ValueMapping) {
        let mapping = try ValueMapping.parse(arguments, model: model, column: column) { reason in
            .invalidModelConfig(file: file.path, reason: "model '\(model)', test mapped_by_seed: \(reason)")
        }
        guard let severity = TestDefinition.Severity(rawValue: (arguments["severity"] as? String ?? "warn").lowercased()) else {
            throw WarehouseError.invalidModelConfig(file: file.path, reason: "model '\(model)': severity must be error or warn")
        }
        let known = switch mapping.known {
        case .seed(let seed, _): seed
        case .values(let values): values.joined(separator: "_")
        }
        var test = TestDefinition(name: ["mapped_by_seed", model, column, known].joined(separator: "__"), model: model,
                                  column: column, kind: .singular(sql: mapping.testSQL), severity: severity)
        test.declaredKindName = "mapped_by_seed"
        return (test, mapping)
    }

    private static func testKind(_ name: String, arguments: [String: Any], model: String, file: URL) throws -> TestDefinition.Kind {
        func fail(_ reason: String) -> WarehouseError {
            .invalidModelConfig(file: file.path, reason: "model '\(model)', test \(name): \(reason)")
        }
        switch name {
        case "unique": return .unique
        case "not_null": return .notNull
        case "accepted_values":
            if let values = arguments["values"] as? [Any] { return .acceptedValues(values.map { "\($0)" }) }
            guard let seed = arguments["seed"] as? String else { throw fail("needs values: [...] or seed: <name>") }
            return .acceptedSeedValues(seed: seed, column: arguments["column"] as? String ?? "value")
        case "relationships":
            guard let target = arguments["to"] as? String, let field = arguments["field"] as? String else {
                throw fail("needs to: <model> and field: <column>")
            }
            let bare = target.replacingOccurrences(of: #"^ref\(['"](.+)['"]\)$"#, with: "$1", options: .regularExpression)
            return .relationships(to: bare, field: field)
        case "expression_is_true":
            guard let expression = arguments["expression"] as? String else { throw fail("needs expression: <sql>") }
            return .expressionIsTrue(expression)
        default:
            throw fail("unknown test kind (unique, not_null, accepted_values, relationships, expression_is_true, mapped_by_seed)")
        }
    }

    /// Distinguishes two tests of the same kind on the same column.
    private static func argumentSuffix(_ kind: TestDefinition.Kind) -> String? {
        switch kind {
        case .relationships(let target, let field): return "\(target)_\(field)"
        case .acceptedSeedValues(let seed, _): return seed
        case .expressionIsTrue(let expression):
            let hash = expression.utf8.reduce(UInt32(2166136261)) { ($0 ^ UInt32($1)) &* 16777619 }
            return String(hash, radix: 16)
        default: return nil
        }
    }
}

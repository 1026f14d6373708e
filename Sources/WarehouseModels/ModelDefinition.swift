import Foundation

/// How a model is stored in the database.
public enum Materialization: String, Sendable, Codable {
    case view
    case table
}

/// One `.sql` file under `dbt-like-models/models/<layer>/`, with what its
/// YAML says about it.
public struct ModelDefinition: Sendable {
    public let name: String
    public let layer: String
    public let file: URL
    public let sql: String
    public var materialized: Materialization
    public var description: String?
    public var columns: [ColumnDefinition]
    public var tests: [TestDefinition]
    /// Column lists indexed once the table is built (tables only).
    public var indexes: [String] = []

    /// Models referenced with `ref()`, seeds included.
    public var references: [String] { ModelTemplate.references(in: sql) }
    /// `(source, stream)` pairs read with `source()`.
    public var sources: [SourceReference] { ModelTemplate.sources(in: sql) }
}

public struct ColumnDefinition: Sendable {
    public let name: String
    public let description: String?
}

public struct SourceReference: Sendable, Hashable {
    public let source: String
    public let stream: String
}

/// A test declared in YAML or as a singular `.sql` file under `tests/`.
public struct TestDefinition: Sendable {
    public enum Kind: Sendable {
        case unique
        case notNull
        case acceptedValues([String])
        case acceptedSeedValues(seed: String, column: String)
        case relationships(to: String, field: String)
        case expressionIsTrue(String)
        case singular(sql: String)
    }

    public enum Severity: String, Sendable { case error, warn }

    public let name: String
    public let model: String?
    public let column: String?
    public let kind: Kind
    public let severity: Severity
    /// The YAML kind of a test compiled to SQL when loaded (`mapped_by_seed`).
    public var declaredKindName: String? = nil

    public var kindName: String {
        if let declaredKindName { return declaredKindName }
        return switch kind {
        case .unique: "unique"
        case .notNull: "not_null"
        case .acceptedValues, .acceptedSeedValues: "accepted_values"
        case .relationships: "relationships"
        case .expressionIsTrue: "expression_is_true"
        case .singular: "singular"
        }
    }
}

/// A CSV file under `dbt-like-models/seeds/`, loaded as `seeds.<name>`.
public struct SeedDefinition: Sendable {
    public let name: String
    public let file: URL
}

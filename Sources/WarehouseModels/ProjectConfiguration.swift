import Foundation
import WarehouseCore
import Yams

/// `dbt-like-models/project.yml`: each layer's schema and default materialization.
public struct ProjectConfiguration: Sendable {
    public struct Layer: Sendable {
        public let schema: String
        public let materialized: Materialization
    }

    public let layers: [String: Layer]

    /// The layer whose relations are built per version and published.
    public static let publishedLayer = "marts"

    public static func load(from directory: URL) throws -> ProjectConfiguration {
        let file = directory.appendingPathComponent("project.yml")
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let root = try Yams.load(yaml: text) as? [String: Any],
              let layers = root["layers"] as? [String: [String: Any]] else {
            throw WarehouseError.invalidModelConfig(file: file.path, reason: "expected a 'layers' mapping")
        }
        var parsed: [String: Layer] = [:]
        for (name, settings) in layers {
            guard let schema = settings["schema"] as? String,
                  let materialized = Materialization(rawValue: settings["materialized"] as? String ?? "view") else {
                throw WarehouseError.invalidModelConfig(
                    file: file.path, reason: "layer '\(name)' needs a schema and materialized: view|table")
            }
            parsed[name] = Layer(schema: schema, materialized: materialized)
        }
        return ProjectConfiguration(layers: parsed)
    }
}

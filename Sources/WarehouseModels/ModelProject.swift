import Foundation
import WarehouseCore

/// Everything under `dbt-like-models/`: configuration, models with their
/// YAML properties, seeds and singular tests.
public struct ModelProject: Sendable {
    public let directory: URL
    public let configuration: ProjectConfiguration
    public let models: [ModelDefinition]
    public let seeds: [SeedDefinition]
    public let singularTests: [TestDefinition]
    public let graph: DependencyGraph

    public static func load(from directory: URL) throws -> ModelProject {
        let configuration = try ProjectConfiguration.load(from: directory)
        let modelsDirectory = directory.appendingPathComponent("models")
        let files = try allFiles(under: modelsDirectory)
        var properties: [String: ModelProperties] = [:]
        for file in files where ["yml", "yaml"].contains(file.pathExtension) {
            properties.merge(try ModelProperties.parse(file: file)) { $1 }
        }
        let mappings = properties.keys.sorted().flatMap { properties[$0]!.mappings }
        let modelNames = Set(files.filter { $0.pathExtension == "sql" }.map { $0.deletingPathExtension().lastPathComponent })
        var models: [ModelDefinition] = []
        for file in files where file.pathExtension == "sql" {
            models.append(try model(at: file, under: modelsDirectory, configuration: configuration,
                                    properties: properties, mappings: mappings, modelNames: modelNames))
        }
        let names = Set(models.map(\.name))
        if let unknown = properties.keys.sorted().first(where: { !names.contains($0) }) {
            throw WarehouseError.invalidModelConfig(file: modelsDirectory.path, reason: "YAML describes '\(unknown)', which has no .sql file")
        }
        let seeds = try allFiles(under: directory.appendingPathComponent("seeds"))
            .filter { $0.pathExtension == "csv" }
            .map { SeedDefinition(name: $0.deletingPathExtension().lastPathComponent, file: $0) }
        let singular = try allFiles(under: directory.appendingPathComponent("tests"))
            .filter { $0.pathExtension == "sql" }
            .map { file in
                TestDefinition(name: file.deletingPathExtension().lastPathComponent, model: nil, column: nil,
                               kind: .singular(sql: try String(contentsOf: file, encoding: .utf8)), severity: .error)
            }
        let graph = try DependencyGraph(models: models, seeds: Set(seeds.map(\.name)))
        return ModelProject(directory: directory, configuration: configuration, models: models.sorted { $0.name < $1.name },
                            seeds: seeds, singularTests: singular, graph: graph)
    }

    public func model(named name: String) -> ModelDefinition? { models.first { $0.name == name } }

    /// Every declared test: YAML tests of the models, then singular tests.
    public var tests: [TestDefinition] { models.flatMap(\.tests) + singularTests }

    private static func model(at file: URL, under root: URL, configuration: ProjectConfiguration,
                              properties: [String: ModelProperties], mappings: [ValueMapping],
                              modelNames: Set<String>) throws -> ModelDefinition {
        let relative = file.path.dropFirst(root.path.count + 1)
        let layer = String(relative.split(separator: "/").first ?? "")
        guard let layerConfiguration = configuration.layers[layer] else {
            throw WarehouseError.invalidModelConfig(file: file.path, reason: "'\(layer)' is not a layer of project.yml")
        }
        let name = file.deletingPathExtension().lastPathComponent
        let written = try String(contentsOf: file, encoding: .utf8)
        let sql = try ModelMacros.expand(
            UnionByName.expandSourceTemplates(UnknownValues.expand(written, mappings: mappings), models: modelNames),
            file: file.path)
        if let call = ModelTemplate.unsupportedCalls(in: sql).first {
            throw WarehouseError.invalidModelConfig(
                file: file.path,
                reason: "unsupported template call {{ \(call) }}: only ref(), source(), union_by_name() and the macros of docs/models.md")
        }
        let declared = properties[name]
        var model = ModelDefinition(
            name: name, layer: layer, file: file,
            sql: sql.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: ";")),
            materialized: declared?.materialized ?? layerConfiguration.materialized,
            description: declared?.description, columns: declared?.columns ?? [], tests: declared?.tests ?? [])
        model.indexes = declared?.indexes ?? []
        return model
    }

    private static func allFiles(under directory: URL) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        return enumerator.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }
            .sorted { $0.path < $1.path }
    }
}

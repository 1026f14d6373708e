import WarehouseCore

/// Turns `ref()` and `source()` into qualified relation names. The published
/// layer (marts) is built in a per-version schema such as `marts_v12`.
public struct RelationResolver: Sendable {
    public let project: ModelProject
    /// Schema per layer, overriding project.yml (the marts' build schema).
    public let schemaOverrides: [String: String]

    public init(project: ModelProject, schemaOverrides: [String: String] = [:]) {
        self.project = project
        self.schemaOverrides = schemaOverrides
    }

    public func schema(ofLayer layer: String) -> String {
        schemaOverrides[layer] ?? project.configuration.layers[layer]?.schema ?? layer
    }

    /// `schema.name` of a model or seed.
    public func relation(for name: String) -> String {
        if let model = project.model(named: name) { return "\(schema(ofLayer: model.layer)).\(name)" }
        return "seeds.\(name)"
    }

    public static func rawRelation(_ reference: SourceReference) throws -> String {
        guard let source = SourceCatalog.source(reference.source),
              let stream = source.streams.first(where: { $0.name == reference.stream }) else {
            throw WarehouseError.unknownSource(model: "", source: reference.source, stream: reference.stream)
        }
        return "raw.\(source.rawTableName(stream))__current"
    }

    /// The SQL of a model or test with every call replaced.
    public func render(_ sql: String, owner: String) throws -> String {
        for reference in ModelTemplate.sources(in: sql) {
            do { _ = try Self.rawRelation(reference) } catch {
                throw WarehouseError.unknownSource(model: owner, source: reference.source, stream: reference.stream)
            }
        }
        return ModelTemplate.render(sql, ref: relation(for:), source: { (try? Self.rawRelation($0)) ?? "" })
    }
}

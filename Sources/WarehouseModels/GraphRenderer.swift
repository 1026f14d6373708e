/// `warehouse models graph`: the dependency graph as indented text or DOT.
public enum GraphRenderer {
    public static func text(_ project: ModelProject) throws -> String {
        try project.graph.topologicalOrder().map { name in
            let model = project.model(named: name)
            let parents = project.graph.parents[name] ?? []
            let sources = model?.sources.map { "source(\($0.source).\($0.stream))" } ?? []
            let seeds = model?.references.filter { project.model(named: $0) == nil }.map { "seed(\($0))" } ?? []
            let inputs = sources + seeds + parents
            return "\(name) [\(model?.layer ?? "?"), \(model?.materialized.rawValue ?? "?")]"
                + (inputs.isEmpty ? "" : " <- " + inputs.joined(separator: ", "))
        }.joined(separator: "\n")
    }

    public static func dot(_ project: ModelProject) throws -> String {
        var lines = ["digraph models {", "  rankdir=LR;", "  node [shape=box, fontname=\"Helvetica\"];"]
        for layer in Set(project.models.map(\.layer)).sorted() {
            lines.append("  subgraph \"cluster_\(layer)\" { label=\"\(layer)\";")
            for model in project.models where model.layer == layer { lines.append("    \"\(model.name)\";") }
            lines.append("  }")
        }
        for model in project.models {
            for source in model.sources { lines.append("  \"\(source.source).\(source.stream)\" [shape=cylinder]; \"\(source.source).\(source.stream)\" -> \"\(model.name)\";") }
            for parent in project.graph.parents[model.name] ?? [] { lines.append("  \"\(parent)\" -> \"\(model.name)\";") }
        }
        lines.append("}")
        return lines.joined(separator: "\n")
    }
}

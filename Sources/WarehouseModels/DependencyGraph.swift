import WarehouseCore

/// The models and the `ref()` edges between them (seeds are leaves outside
/// the graph: they are loaded before any model).
public struct DependencyGraph: Sendable {
    /// For each model, the models it reads.
    public let parents: [String: [String]]

    public init(models: [ModelDefinition], seeds: Set<String>) throws {
        let names = Set(models.map(\.name))
        var parents: [String: [String]] = [:]
        for model in models {
            for reference in model.references where !names.contains(reference) && !seeds.contains(reference) {
                throw WarehouseError.unknownReference(model: model.name, reference: reference)
            }
            parents[model.name] = model.references.filter { names.contains($0) }.sorted()
        }
        self.parents = parents
        _ = try topologicalOrder()
    }

    public var children: [String: [String]] {
        var children: [String: [String]] = [:]
        for (child, parentNames) in parents {
            for parent in parentNames { children[parent, default: []].append(child) }
        }
        return children.mapValues { $0.sorted() }
    }

    /// Every model after all of its parents; ties broken by name so the
    /// order is the same on every run. A cycle is an error naming it.
    public func topologicalOrder() throws -> [String] {
        var order: [String] = []
        var state: [String: Bool] = [:]  // false: on the current path, true: done
        func visit(_ name: String, path: [String]) throws {
            if state[name] == true { return }
            if state[name] == false {
                let cycleStart = path.firstIndex(of: name) ?? 0
                throw WarehouseError.modelCycle(Array(path[cycleStart...]) + [name])
            }
            state[name] = false
            for parent in parents[name] ?? [] { try visit(parent, path: path + [name]) }
            state[name] = true
            order.append(name)
        }
        for name in parents.keys.sorted() { try visit(name, path: []) }
        return order
    }

    /// Resolves `name`, `name+` (with descendants), `+name` (with ancestors).
    public func select(_ selector: String) throws -> Set<String> {
        var name = selector
        let withDescendants = name.hasSuffix("+")
        let withAncestors = name.hasPrefix("+")
        if withDescendants { name.removeLast() }
        if withAncestors { name.removeFirst() }
        guard parents[name] != nil else {
            throw WarehouseError.invalidArgument("No model named '\(name)'. `warehouse models list` shows them.")
        }
        var selected: Set<String> = [name]
        if withDescendants { selected.formUnion(reachable(from: name, through: children)) }
        if withAncestors { selected.formUnion(reachable(from: name, through: parents)) }
        return selected
    }

    public func descendants(of names: Set<String>) -> Set<String> {
        names.reduce(into: Set<String>()) { $0.formUnion(reachable(from: $1, through: children)) }
    }

    private func reachable(from start: String, through edges: [String: [String]]) -> Set<String> {
        var seen: Set<String> = []
        var stack = edges[start] ?? []
        while let next = stack.popLast() {
            if seen.insert(next).inserted { stack += edges[next] ?? [] }
        }
        return seen
    }
}

import Foundation
import Testing
@testable import WarehouseCore
@testable import WarehouseModels

@Suite struct DependencyGraphTests {
    func model(_ name: String, _ sql: String) -> ModelDefinition {
        ModelDefinition(name: name, layer: "staging", file: URL(fileURLWithPath: "/\(name).sql"), sql: sql,
                        materialized: .view, description: nil, columns: [], tests: [])
    }

    @Test func ordersParentsFirstAndSelectsDescendants() throws {
        let graph = try DependencyGraph(models: [
            model("c", "select * from {{ ref('b') }} join {{ ref('seed_x') }} on true"),
            model("b", "select * from {{ ref( 'a' ) }}"),
            model("a", "select * from {{ source('dora', 'structures') }}"),
        ], seeds: ["seed_x"])
        #expect(try graph.topologicalOrder() == ["a", "b", "c"])
        #expect(try graph.select("b+") == ["b", "c"])
        #expect(try graph.select("+b") == ["a", "b"])
    }

    @Test func aCycleIsRefusedWithItsPath() throws {
        #expect {
            try DependencyGraph(models: [
                model("a", "select * from {{ ref('c') }}"),
                model("b", "select * from {{ ref('a') }}"),
                model("c", "select * from {{ ref('b') }}"),
            ], seeds: [])
        } throws: { error in
            guard case let WarehouseError.modelCycle(path) = error else { return false }
            return path.first == path.last && Set(path) == ["a", "b", "c"]
        }
    }

    @Test func anUnknownReferenceIsNamed() throws {
        #expect {
            try DependencyGraph(models: [model("a", "select * from {{ ref('nope') }}")], seeds: [])
        } throws: { error in
            guard case let WarehouseError.unknownReference(model, reference) = error else { return false }
            return model == "a" && reference == "nope"
        }
    }

    @Test func renderReplacesRefsAndSources() {
        let project = ModelTemplate.render("select * from {{ ref('a') }}, {{ source('emplois-de-linclusion', 'siaes') }}",
                                           ref: { "staging.\($0)" }, source: { "raw.\($0.source)_\($0.stream)" })
        #expect(project == "select * from staging.a, raw.emplois-de-linclusion_siaes")
    }
}

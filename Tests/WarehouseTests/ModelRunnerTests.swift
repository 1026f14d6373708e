import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseModels
import WarehousePipeline
import WarehouseTestSupport

/// A tiny model project written to a temporary folder, run against a fresh database.
@Suite struct ModelRunnerTests {
    static func project(files: [String: String]) throws -> ModelProject {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("models-\(UUID().uuidString)")
        var all = files
        all["project.yml"] = """
            layers:
              staging: {schema: staging, materialized: view}
              marts: {schema: marts, materialized: table}
            """
        for (path, text) in all {
            let file = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        return try ModelProject.load(from: root)
    }

    static let files = [
        "seeds/colours.csv": "value,label\nred,Rouge\nblue,\n",
        "models/staging/stg_items.sql": """
            with items as (
                select * from (values (1, 'red', array['red']), (2, 'green', array['blue', 'green']), (2, null, null)) as v (id, colour, tags)
            )
            select id, colour, tags from items
            """,
        "models/staging/stg_items.yml": """
            models:
              - name: stg_items
                description: Items for the test.
                config: {materialized: table}
                columns:
                  - name: id
                    description: The item's id.
                    tests: [unique, not_null]
                  - name: colour
                    tests:
                      - not_null: {severity: warn}
                      - accepted_values: {seed: colours, column: value}
                  - name: tags
                    tests:
                      - accepted_values: {values: ['red', 'blue']}
              - name: item_counts
                columns:
                  - name: id
                    tests:
                      - relationships: {to: stg_items, field: id}
                tests:
                  - expression_is_true: {expression: "n > 0"}
            """,
        "models/marts/item_counts.sql": "select id, count(*) as n from {{ ref('stg_items') }} group by id",
        "tests/no_item_three.sql": "select * from {{ ref('stg_items') }} where id = 3",
    ]

    @Test func buildsInOrderCommentsAndRecordsEveryTestOutcome() async throws {
        let project = try Self.project(files: Self.files)
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let resolver = RelationResolver(project: project)
            let runner = ModelRunner(project: project, database: database, resolver: resolver, runID: runID)
            let built = try await runner.run()
            #expect(built.map(\.model) == ["stg_items", "item_counts"])
            #expect(built.map(\.rows) == [3, 2])
            let kind = try await database.query("select relkind::text from pg_class where oid = 'staging.stg_items'::regclass")
            #expect(try kind.first?.decode(String.self) == "r")
            let comment = try await database.query("select col_description('staging.stg_items'::regclass, 1)")
            #expect(try comment.first?.decode(String?.self) == "The item's id.")

            let outcomes = try await runner.test()
            let status = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.test.name, $0.status) })
            #expect(status["unique__stg_items__id"] == .failed)
            #expect(status["not_null__stg_items__id"] == .passed)
            #expect(status["not_null__stg_items__colour"] == .warned)
            #expect(status["accepted_values__stg_items__colour__colours"] == .failed)
            #expect(status["accepted_values__stg_items__tags"] == .failed)
            #expect(status["relationships__item_counts__id__stg_items_id"] == .passed)
            #expect(status["no_item_three"] == .passed)
            #expect(outcomes.filter(\.blocksPublishing).count == 3)
            let kept = try await database.query("""
                select failing_row->>'value' from ops.test_failures
                where run_id = \(runID) and test_name = 'accepted_values__stg_items__tags'
                """).map { try $0.decode(String.self) }
            #expect(kept == ["green"])
        }
    }

    @Test func aFailingModelSkipsItsDescendantsOnly() async throws {
        var files = Self.files
        files["models/staging/stg_items.sql"] = "select id from nowhere"
        files["models/staging/stg_other.sql"] = "select 1 as id"
        let project = try Self.project(files: files)
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let runner = ModelRunner(project: project, database: database, resolver: RelationResolver(project: project), runID: runID)
            let results = Dictionary(uniqueKeysWithValues: try await runner.run().map { ($0.model, $0) })
            #expect(results["stg_items"]?.status == .failed)
            #expect(results["stg_items"]?.error?.contains("nowhere") == true)
            #expect(results["item_counts"]?.status == .skipped)
            #expect(results["stg_other"]?.status == .succeeded)
        }
    }

    @Test func aYamlColumnTheModelLacksIsReported() async throws {
        var files = Self.files
        files["models/marts/item_counts.sql"] = "select 1 as other"
        let project = try Self.project(files: files)
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let runner = ModelRunner(project: project, database: database, resolver: RelationResolver(project: project), runID: runID)
            let counts = try await runner.run().first { $0.model == "item_counts" }
            #expect(counts?.status == .failed)
            #expect(counts?.error?.contains("column 'id'") == true)
        }
    }
}

import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseModels
import WarehouseTestSupport

/// The macros that need the database or the whole project, run for real:
/// `union_by_name`, and `mapped_by_seed` tests gathered by `unknown_values()`.
@Suite struct ModelMacroRunTests {
    static let files = [
        "seeds/map_shop__colours.csv": "raw,v1\nred,rouge\nblue,\n",
        "models/staging/stg_shop__items.sql": """
            select id, colour, tags, id * 10 as record_number
            from (values (1, 'red', array['red']), (2, 'pink', array['blue', 'gold']), (3, 'pink', null::text[])) as v (id, colour, tags)
            """,
        "models/staging/stg_shop__others.sql": "select 'x' as colour, 7 as id",
        "models/staging/_shop__models.yml": """
            models:
              - name: stg_shop__items
                columns:
                  - name: colour
                    tests:
                      - mapped_by_seed: {seed: map_shop__colours}
                  - name: tags
                    tests:
                      - mapped_by_seed: {values: [red, blue], field: tag, record_key: id, where: "id > 1"}
            """,
        "models/marts/shop_unknown_values.sql": "select * from {{ unknown_values() }} as unknown",
        "models/marts/shop_all.sql": "{{ union_by_name(['stg_shop__items', 'stg_shop__others']) }}",
    ]

    @Test func unknownValuesListsWhatNoSeedKnowsAndUnionsMatchColumnsByName() async throws {
        let project = try ModelRunnerTests.project(files: Self.files)
        #expect(project.graph.parents["shop_unknown_values"]?.contains("stg_shop__items") == true)
        #expect(project.graph.parents["shop_all"]?.sorted() == ["stg_shop__items", "stg_shop__others"])
        try await TestDatabase.withFreshDatabase { database, _ in
            let runID = try await RunRegistry(database).begin(command: "test")
            let runner = ModelRunner(project: project, database: database, resolver: RelationResolver(project: project), runID: runID)
            #expect(try await runner.run().allSatisfy { $0.status == .succeeded })
            let unknown = try await database.query("""
                select source || ' ' || field || ' ' || raw_value || ' ' || rows from marts.shop_unknown_values order by 1
                """).map { try $0.decode(String.self) }
            #expect(unknown == ["shop colour pink 2", "shop tag gold 1"])
            let union = try await database.query("""
                select coalesce(id::text, '-') || ' ' || colour || ' ' || coalesce(record_number::text, 'null')
                from marts.shop_all order by id
                """).map { try $0.decode(String.self) }
            #expect(union == ["1 red 10", "2 pink 20", "3 pink 30", "7 x null"])

            let outcomes = try await runner.test()
            let status = Dictionary(uniqueKeysWithValues: outcomes.map { ($0.test.name, $0.status) })
            #expect(status["mapped_by_seed__stg_shop__items__colour__map_shop__colours"] == .warned)
            #expect(status["mapped_by_seed__stg_shop__items__tags__red_blue"] == .warned)
            #expect(outcomes.allSatisfy { $0.test.kindName == "mapped_by_seed" })
        }
    }

    @Test func aMappingWithoutSeedOrValuesIsRefused() throws {
        var files = Self.files
        files["models/staging/_shop__models.yml"] = """
            models:
              - name: stg_shop__items
                columns:
                  - name: colour
                    tests:
                      - mapped_by_seed: {field: colour}
            """
        #expect(throws: WarehouseError.self) { try ModelRunnerTests.project(files: files) }
    }
}

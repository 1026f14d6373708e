import Foundation
import Testing
import WarehouseDatabase
import WarehouseModels
import WarehouseTestSupport

/// Every rule of the v1 schema README is enforced: records that each break
/// exactly one rule are added to the final layer, the validation model is
/// rebuilt, and each record must give exactly its own rule.
@Suite struct ValidationRulesTests {
    /// (id suffix, field overrides as SQL jsonb, the rule it breaks)
    static let brokenStructures: [(String, String, String)] = [
        ("date-old", "jsonb_build_object('date_maj', '1999-12-31')", "date_range"),
        ("date-future", "jsonb_build_object('date_maj', (current_date + 1)::text)", "date_range"),
        ("url", "jsonb_build_object('site_web', 'ftp://example.org/page')", "url"),
        ("siret", "jsonb_build_object('siret', '1234')", "pattern"),
        ("postal-code", "jsonb_build_object('code_postal', '7500')", "pattern"),
        ("email", "jsonb_build_object('courriel', 'accueil@@example')", "email"),
        ("short-name", "jsonb_build_object('nom', 'ab')", "min_length"),
        ("long-name", "jsonb_build_object('nom', repeat('n', 151))", "max_length"),
        ("network-twice", "jsonb_build_object('reseaux_porteurs', array['adie', 'adie'])", "unique_items"),
        ("network-unknown", "jsonb_build_object('reseaux_porteurs', array['not-a-network'])", "enum"),
        ("no-name", "jsonb_build_object('nom', null)", "required"),
    ]

    static let brokenServices: [(String, String, String)] = [
        ("tous-publics", "jsonb_build_object('publics', array['tous-publics', 'jeunes'])", "tous_publics_exclusive"),
        ("no-publics", "jsonb_build_object('publics', array[]::text[])", "min_items"),
        ("weeks", "jsonb_build_object('nombre_semaines', 0)", "minimum"),
        ("orphan", "jsonb_build_object('structure_id', 'nobody--0')", "foreign_key"),
        ("theme", "jsonb_build_object('thematiques', array['not-a-theme'])", "enum"),
        ("no-description", "jsonb_build_object('description', null)", "required"),
        ("url", "jsonb_build_object('lien_mobilisation', 'www example fr')", "url"),
    ]

    @Test func eachBrokenRecordGivesExactlyItsRule() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, context in
            for (suffix, overrides, _) in Self.brokenStructures {
                try await database.execute("""
                    insert into intermediate.int__structures_v1
                    select (jsonb_populate_record(null::intermediate.int__structures_v1,
                        to_jsonb(structures) || jsonb_build_object('id', 'rules--\(suffix)') || \(overrides))).*
                    from intermediate.int__structures_v1 as structures
                    where structures.id = (select min(id) from marts.structures where _is_valid and source = 'dora')
                    """)
            }
            for (suffix, overrides, _) in Self.brokenServices {
                try await database.execute("""
                    insert into intermediate.int__services_v1
                    select (jsonb_populate_record(null::intermediate.int__services_v1,
                        to_jsonb(services) || jsonb_build_object('id', 'rules--service-\(suffix)') || \(overrides))).*
                    from intermediate.int__services_v1 as services
                    where services.id = (select min(id) from marts.services where _is_valid and source = 'dora')
                    """)
            }
            let project = try ModelProject.load(from: context.layout.modelsDirectory)
            let runID = try await RunRegistry(database).begin(command: "test", snapshotsDirectory: "none")
            let runner = ModelRunner(project: project, database: database, resolver: RelationResolver(project: project), runID: runID)
            let results = try await runner.run(selection: ["int__validation_errors"])
            #expect(results.allSatisfy { $0.status == .succeeded })

            var found: [String: [String]] = [:]
            for row in try await database.rows("""
                select id, rule from intermediate.int__validation_errors where id like 'rules--%' order by id, rule
                """) {
                let (id, rule) = try row.decode((String, String).self)
                found[id, default: []].append(rule)
            }
            for (suffix, _, rule) in Self.brokenStructures {
                #expect(found["rules--\(suffix)"] == [rule], "structure \(suffix): \(found["rules--\(suffix)"] ?? [])")
            }
            for (suffix, _, rule) in Self.brokenServices {
                #expect(found["rules--service-\(suffix)"] == [rule], "service \(suffix): \(found["rules--service-\(suffix)"] ?? [])")
            }
        }
    }
}

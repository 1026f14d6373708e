import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

/// The views marts_v0.structures and marts_v0.services (sql/functions/ops/v0_views.sql):
/// they follow each publication with their identity, nothing takes
/// marts_v0 for a mart version, and the v1 values map back as the seeds say.
@Suite struct V0ShapesTests {

    @Test func theViewsFollowEachPublicationAndKeepTheirIdentity() async throws {
        try await TestDatabase.withFreshContext(from: .refreshedDemo) { context in
            let oids = { try await context.withDatabase { database throws in
                try await database.query("""
                    select c.relname, c.oid::bigint from pg_class c where c.relnamespace = 'marts_v0'::regnamespace order by 1
                    """).map { try $0.decode((String, Int64).self) }.map { "\($0.0)=\($0.1)" }
            } }
            let before = try await oids()
            #expect(before.count == 2)
            let second = try await Refresh.run(context: context, snapshots: TestDatabase.demoSnapshots, progress: .silent)
            #expect(second.publishedVersion != nil)
            #expect(try await oids() == before)
            try await context.withDatabase { database throws in
                for view in ["structures", "services"] {
                    #expect(try await database.scalarInt("select count(*) from marts_v0.\(view)")
                            == database.scalarInt("select count(*) from marts.\(view)"))
                }
                // the old version was retired; marts_v0 stays, and is no version
                #expect(try await database.scalarInt("select count(*) from pg_namespace where nspname = 'marts_v0'") == 1)
                try await Publisher(database).retireOldVersions()
                #expect(try await database.scalarInt("select count(*) from pg_views where schemaname = 'marts_v0'") == 2)
                #expect(try await database.scalarInt("select count(*) from ops.published_versions where schema_name = 'marts_v0'") == 0)
                // both reading roles may read both views (granted at each publication)
                #expect(try await database.scalarInt("""
                    select count(*) from unnest(array['warehouse_api', 'warehouse_analyst']) as reader,
                         unnest(array['marts_v0.structures', 'marts_v0.services']) as view
                    where has_schema_privilege(reader, 'marts_v0', 'usage') and has_table_privilege(reader, view, 'select')
                    """) == 4)
            }
        }
    }

    @Test func versionZeroCannotBeRecordedNorNumbered() async throws {
        try await TestDatabase.withFreshDatabase(from: .empty) { database, _ throws in
            await #expect(throws: (any Error).self) {
                _ = try await database.query("insert into ops.published_versions (version, schema_name) values (0, 'marts_v0')")
            }
            await #expect(throws: (any Error).self) {
                _ = try await database.query("select setval('ops.mart_version_seq', 0)")
            }
        }
    }

    @Test func aPublicationThatRemakesAMartsViewRemakesTheV0Views() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            let runID = try await RunRegistry(database).begin(command: "test")
            let publisher = Publisher(database)
            let build = try await publisher.createBuildVersion(runID: runID)
            // a structures table without a column the published view has: marts.structures must be dropped and made anew
            try await database.execute("create table \(build.schema).structures as select * from marts.structures")
            try await database.execute("alter table \(build.schema).structures drop column _extra")
            try await database.execute("create table \(build.schema).services as select * from marts.services")
            _ = try await publisher.publish(build)
            #expect(try await database.scalarInt("select count(*) from pg_views where schemaname = 'marts_v0'") == 2)
            #expect(try await database.scalarInt("select count(*) from marts_v0.structures")
                    == database.scalarInt("select count(*) from \(build.schema).structures"))
        }
    }

    @Test func everyMappedValueIsAV0ValueAndEveryV1ValueHasADecision() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            let maps: [(seed: String, v1: String, v0Columns: [(String, String)])] = [
                ("thematiques", "v1_thematiques", [("v0", "v0_thematiques")]),
                ("publics", "v1_publics", [("v0", "v0_profils")]),
                ("types", "v1_types_de_services", [("v0", "v0_typologies_de_services")]),
                ("frais", "v1_frais", [("v0", "v0_frais")]),
                ("reseaux_porteurs", "v1_reseaux_porteurs", [("typologie", "v0_typologies_de_structures"), ("label_national", "v0_labels_nationaux")]),
            ]
            for map in maps {
                let table = "seeds.map_v1_to_v0__\(map.seed)"
                #expect(try await database.scalarInt("select count(*) from seeds.\(map.v1) where value not in (select v1 from \(table))") == 0,
                        "a v1 value of \(map.v1) has no row in \(table)")
                #expect(try await database.scalarInt("select count(*) from \(table) where v1 not in (select value from seeds.\(map.v1))") == 0)
                #expect(try await database.scalarInt("select count(*) from \(table) where coalesce(decision, '') = ''") == 0)
                for (column, vocabulary) in map.v0Columns {
                    #expect(try await database.scalarInt("""
                        select count(*) from \(table) where \(column) is not null and \(column) not in (select value from seeds.\(vocabulary))
                        """) == 0, "\(table).\(column) names a value outside seeds.\(vocabulary)")
                }
            }
            #expect(try await database.scalarInt("""
                select count(*) from seeds.map_v1_to_v0__modes_orientation as map
                where (map.v0_field = 'modes_orientation_beneficiaire' and map.v0 not in (select value from seeds.v0_modes_orientation_beneficiaire))
                   or (map.v0_field = 'modes_orientation_accompagnateur' and map.v0 not in (select value from seeds.v0_modes_orientation_accompagnateur))
                   or map.modes_mobilisation not in (select value from seeds.v1_modes_mobilisation)
                   or map.mobilisable_par not in (select value from seeds.v1_personnes_mobilisatrices)
                """) == 0)
        }
    }

    @Test func networksZonesDescriptionsAndModesMapBackAsDocumented() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ throws in
            let schema = try await database.rows("select schema_name from ops.current_version").first!.decode(String.self)
            let structure = try await database.rows("select id from \(schema).structures where _is_valid order by id limit 1").first!.decode(String.self)
            let service = try await database.rows("select id from \(schema).services where _is_valid order by id limit 1").first!.decode(String.self)
            try await database.execute("""
                update \(schema).structures set reseaux_porteurs = array['communes', 'mission-locale'] where id = '\(structure)'
                """)
            try await database.execute("""
                update \(schema).services set zone_eligibilite = array['56', '22', '35', '29'], description = repeat('Accompagnement. ', 30),
                    modes_mobilisation = array['se-presenter', 'telephoner'], mobilisable_par = array['professionnels'],
                    mobilisation_precisions = 'Sur prescription', publics = array['seniors', 'residents-qpv-frr'],
                    thematiques = array['mobilite--preparer-un-permis', 'sante--sante-sexuelle'], type = 'atelier', frais = 'payant'
                where id = '\(service)'
                """)
            let networks = try await database.rows("""
                select typologie, array_to_string(labels_nationaux, ','), array_to_string(labels_autres, ',') from marts_v0.structures where id = '\(structure)'
                """).first!.decode((String?, String?, String?).self)
            // mission-locale (rank 1) gives the typologie before communes (rank 2); communes has no v0 label
            #expect(networks.0 == "ML")
            #expect(networks.1 == "mission-locale")
            #expect(networks.2 == "Communes, mairies, communautés de communes, etc.")
            let row = try await database.rows("""
                select zone_diffusion_type, zone_diffusion_code, zone_diffusion_nom, char_length(presentation_resume), char_length(presentation_detail),
                       array_to_string(modes_orientation_accompagnateur, ','), modes_orientation_beneficiaire is null,
                       modes_orientation_accompagnateur_autres, modes_orientation_beneficiaire_autres,
                       array_to_string(profils, ','), array_to_string(thematiques, ','), array_to_string(types, ','), array_to_string(frais, ',')
                from marts_v0.services where id = '\(service)'
                """).first!
            let values = try row.decode((String?, String?, String?, Int?, Int?, String?, Bool, String?, String?, String?, String?, String?, String?).self)
            // the four départements of Bretagne are the region
            #expect(values.0 == "region" && values.1 == "53" && values.2 == "Bretagne")
            // 480 characters: a 279-character summary and an ellipsis, the whole text as detail
            #expect(values.3 == 280 && values.4 == 480)
            // for professionals only: se-presenter has no v0 value for them (autre), nothing for beneficiaries
            #expect(values.5 == "autre,telephoner" && values.6)
            #expect(values.7 == "Sur prescription" && values.8 == nil)
            // seniors is both v0 profiles; residents-qpv-frr has none
            #expect(values.9 == "retraites,seniors-65")
            // a renamed value, and a value v0 lacks given as its category
            #expect(values.10 == "mobilite--preparer-un-permis-de-conduire,sante")
            #expect(values.11 == "atelier" && values.12 == "payant")
        }
    }
}


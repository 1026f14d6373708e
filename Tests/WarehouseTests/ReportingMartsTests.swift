import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseModels
import WarehousePipeline
import WarehouseReporting
import WarehouseTestSupport

/// The coverage and quality views over known marts, the views' survival
/// when the publisher recreates a marts view, the column comments of the
/// marts.* views, the data dictionary and the report.
@Suite struct ReportingMartsTests {
    /// Replaces the published version's rows by known ones (the tables have no constraints).
    static func publishKnownMarts(_ database: Database) async throws -> String {
        let schema = try await database.rows("select schema_name from ops.current_version").first!.decode(String.self)
        for table in ["structures", "services", "services_thematiques", "services_publics", "validation_errors"] {
            try await database.execute("truncate \(schema).\(table)")
        }
        for statement in [
            """
            insert into \(schema).structures (source, id, code_departement, _is_valid, score_qualite, _geocoding_precision,
                                              telephone, courriel, siret, date_maj) values
                ('dora', 'dora--s1', '35', true, 0.6, 'address', '02 99 00 00 00', 'accueil@example.org', '73282932000074', current_date - 10),
                ('cd35', 'cd35--s2', '29', false, 0, 'none', '12', null, '12345678901234', null)
            """,
            """
            insert into \(schema).services (source, id, structure_id, code_departement, code_insee, _is_valid, modes_accueil,
                                            score_qualite, _geocoding_precision, telephone, courriel, date_maj) values
                ('dora', 'dora--v1', 'dora--s1', '35', '35238', true, '{en-presentiel,a-distance}', 0.9, 'address', '0299000000', 'a@example.org', current_date - 10),
                ('dora', 'dora--v2', 'dora--s1', '35', '35238', false, '{en-presentiel}', 0.3, 'commune', null, 'bad@', current_date - 400),
                ('cd35', 'cd35--v3', 'cd35--s2', '29', '29019', true, '{a-distance}', 1.0, 'none', null, null, current_date - 30)
            """,
            """
            insert into \(schema).services_thematiques (service_id, thematique) values
                ('dora--v1', 'famille--garde-denfants'), ('cd35--v3', 'famille--garde-denfants'), ('dora--v2', 'numerique--acquerir-un-equipement')
            """,
            "insert into \(schema).services_publics (service_id, public) values ('dora--v1', 'jeunes'), ('cd35--v3', 'jeunes')",
            """
            insert into \(schema).validation_errors (source, entity, id, field, rule) values
                ('dora', 'service', 'dora--v2', 'courriel', 'email'), ('dora', 'service', 'dora--v2', 'description', 'required'),
                ('cd35', 'structure', 'cd35--s2', 'nom', 'required'), ('cd35', 'structure', 'cd35--s2', 'date_maj', 'required')
            """,
        ] {
            try await database.execute(statement)
        }
        return schema
    }

    @Test func coverageAndQualityViewsCountKnownMarts() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            _ = try await Self.publishKnownMarts(database)
            #expect(try await rows(database, """
                select source, code_departement, departement, region, structures, valid_structures, services, valid_services
                from reporting.coverage_per_territory order by source
                """) == ["cd35|29|Finistère|Bretagne|1|0|1|1", "dora|35|Ille-et-Vilaine|Bretagne|1|1|2|1"])
            #expect(try await rows(database, """
                select thematique, services, valid_services, structures, sources from reporting.services_per_thematique
                where services > 0 order by thematique
                """) == ["famille--garde-denfants|2|2|2|2", "numerique--acquerir-un-equipement|1|0|1|1"])
            #expect(try await rows(database, "select public, services, valid_services from reporting.services_per_public where services > 0")
                    == ["jeunes|2|2"])
            #expect(try await rows(database, "select * from reporting.remote_services_per_source order by source")
                    == ["cd35|1|1|1|1.000", "dora|2|1|0|0.500"])
            let thematiques = try await database.scalarInt("select count(*) from seeds.v1_thematiques")
            #expect(try await database.scalarInt("select count(*) from reporting.thematique_gaps_per_departement where code_departement = '35'") == thematiques - 1)
            #expect(try await database.scalarInt("""
                select count(*) from reporting.thematique_gaps_per_departement
                where code_departement = '35' and thematique = 'numerique--acquerir-un-equipement'
                """) == 1)  // its only service there is not valid
            #expect(try await database.scalarInt("""
                select count(*) from reporting.thematique_gaps_per_commune where code_insee in ('35238', '29019') and thematique = 'famille--garde-denfants'
                """) == 0)
            #expect(try await database.scalarInt("select count(*) from reporting.thematique_gaps_per_commune where code_insee = '35238'") == thematiques - 1)
            #expect(try await rows(database, """
                select source, entity, records, mean_score, min_score, median_score, max_score from reporting.score_qualite_per_source order by 1, 2
                """) == ["cd35|service|1|1.000|1.000|1.000|1.000", "cd35|structure|1|0.000|0.000|0.000|0.000",
                         "dora|service|2|0.600|0.300|0.600|0.900", "dora|structure|1|0.600|0.600|0.600|0.600"])
            #expect(try await rows(database, "select source, entity, band_from, band_to, records from reporting.score_qualite_bands order by 1, 2, 3")
                    == ["cd35|service|0.9|1.0|1", "cd35|structure|0.0|0.1|1", "dora|service|0.3|0.4|1", "dora|service|0.9|1.0|1",
                        "dora|structure|0.6|0.7|1"])
            #expect(try await rows(database, "select * from reporting.validation_errors_per_rule order by 1, 2, 3")
                    == ["cd35|structure|date_maj|required|1|1", "cd35|structure|nom|required|1|1",
                        "dora|service|courriel|email|1|1", "dora|service|description|required|1|1"])
            #expect(try await rows(database, "select * from reporting.contact_quality_per_source order by 1, 2")
                    == ["cd35|service|1|0.000|0.000|1.000|0.000|0.000|-", "cd35|structure|1|0.000|0.000|1.000|0.000|0.000|0.000",
                        "dora|service|2|0.500|0.500|0.000|0.500|0.500|-", "dora|structure|1|1.000|0.000|0.000|1.000|1.000|1.000"])
            #expect(try await rows(database, """
                select source, entity, records, without_date_maj, median_age_days, share_updated_within_a_year
                from reporting.freshness_per_source order by 1, 2
                """) == ["cd35|service|1|0|30|1.000", "cd35|structure|1|1|-|-", "dora|service|2|0|10|0.500", "dora|structure|1|0|10|1.000"])
        }
    }

    @Test func theViewsSurviveAMartsViewRecreatedAndEveryColumnIsDescribed() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, context in
            let published = try await database.rows("select schema_name from ops.current_version").first!.decode(String.self)
            let before = try await database.scalarInt("select 'reporting.coverage_per_territory'::regclass::oid::int")
            // a build whose services.score_qualite changed type: marts.services must be dropped and made anew
            let runID = Int64(try await database.scalarInt("select max(run_id) from ops.runs"))
            let publisher = Publisher(database)
            let build = try await publisher.createBuildVersion(runID: runID)
            for table in try await database.rows("select tablename from pg_tables where schemaname = '\(published)'").map({ try $0.decode(String.self) }) {
                try await database.execute("create table \(build.schema).\(table) as select * from \(published).\(table)")
                try await database.execute("select ops.copy_column_comments('\(published).\(table)'::regclass, '\(build.schema).\(table)'::regclass)")
            }
            try await database.execute("alter table \(build.schema).services alter column score_qualite type numeric")
            _ = try await publisher.publish(build)
            #expect(try await database.scalarInt("select count(*) from reporting.score_qualite_per_source") > 0)
            #expect(try await database.scalarInt("select 'reporting.coverage_per_territory'::regclass::oid::int") != before)
            #expect(try await database.scalarInt("select count(*) from marts_v0.services") > 0)
            try await RoleStandIn.with(.analyst, on: context.databaseURL) { (analyst: Database) async throws in
                #expect(try await analyst.scalarInt("select count(*) from reporting.score_qualite_per_source") > 0)
                #expect(try await analyst.scalarInt("select count(*) from reporting.requests_per_day") == 0)
            }

            // every column of every marts.* view and reporting view has a description; the marts' ones are the YAML's
            #expect(try await rows(database, """
                select n.nspname || '.' || c.relname || '.' || a.attname
                from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
                join pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                where n.nspname in ('marts', 'reporting') and c.relkind = 'v' and coalesce(col_description(c.oid, a.attnum), '') = ''
                """) == [])
            // docs/reporting.md describes every reporting view
            let guide = try String(contentsOf: context.layout.root.appendingPathComponent("docs/reporting.md"), encoding: .utf8)
            for view in try await rows(database, "select viewname from pg_views where schemaname = 'reporting' order by 1") {
                #expect(guide.contains("### reporting.\(view)\n"), "docs/reporting.md: reporting.\(view)")
            }
            #expect(try await database.scalarInt("select count(*) from pg_views where schemaname = 'reporting'") == 31)
            let project = try ModelProject.load(from: context.layout.modelsDirectory)
            for model in DataDictionary.publishedModels(of: project) {
                let columns = try await rows(database, """
                    select a.attname, col_description(a.attrelid, a.attnum) from pg_attribute as a
                    where a.attrelid = 'marts.\(model.name)'::regclass and a.attnum > 0 and not a.attisdropped order by a.attname
                    """)
                let declared = model.columns.map { "\($0.name)|\($0.description ?? "")" }.sorted()
                #expect(Set(columns).subtracting(declared).sorted() == [], "marts.\(model.name): published, not in the YAML")
                #expect(Set(declared).subtracting(columns).sorted() == [], "marts.\(model.name): in the YAML, not published")
            }
        }
    }

    @Test func theDataDictionaryIsCurrent() throws {
        let project = try ModelProject.load(from: TestDatabase.layout.modelsDirectory)
        let file = TestDatabase.layout.root.appendingPathComponent("docs/data-dictionary.md")
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(written == DataDictionary.markdown(project), "run: warehouse models docs --out docs/data-dictionary.md")
        for model in DataDictionary.publishedModels(of: project) {
            #expect(written.contains("## marts.\(model.name)\n"))
            for column in model.columns { #expect(written.contains("| `\(column.name)` |")) }
        }
        #expect(!written.contains("(no description)"))
    }

    @Test func theReportShowsTheViewsFiguresInTextAndJSON() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, _ in
            _ = try await Self.publishKnownMarts(database)
            try await database.execute(ReportingViewsTests.events)
            let report = try await ReportBuilder(database).build(since: "2026-03-03")
            let consumption = try #require(report.section("Consumption"))
            // since 2026-03-03: bob's two, carol's one; alice (only before) is lost
            #expect(consumption.figure("requests") == .integer(3))
            #expect(consumption.figure("consumers") == .integer(2))
            #expect(consumption.figure("failed_requests") == .integer(1))
            #expect(consumption.figure("bot_requests") == .integer(1))
            #expect(consumption.figure("new_consumers") == .integer(2))  // bob's first request is on the 3rd
            #expect(consumption.figure("lost_consumers") == .integer(1))
            #expect(consumption.table("Searches with no result")?.values(of: "code_commune") == [.text("29019")])
            let coverage = try #require(report.section("Coverage"))
            #expect(coverage.figure("services") == .integer(3))
            #expect(coverage.figure("remote_share") == .number(0.667))
            #expect(coverage.table("Per source")?.values(of: "source") == [.text("dora"), .text("cd35")])
            #expect(report.section("Quality")?.table("Validation errors")?.rows.count == 4)

            let text = ReportRendering.text(report)
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= ReportRendering.width })
            #expect(text.contains("requests 3 · consumers 2"))
            let json = try ReportRendering.json(report)
            let decoded = try JSONDecoder().decode(WarehouseReport.self, from: Data(json.utf8))
            #expect(try ReportRendering.json(decoded) == json)
            #expect(decoded.section("Consumption")?.figure("requests") == .integer(3))
            await #expect(throws: WarehouseError.self) { try await ReportBuilder(database).build(since: "2026-02-30") }
        }
    }
}

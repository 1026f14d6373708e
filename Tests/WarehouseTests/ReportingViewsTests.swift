import Foundation
import PostgresNIO
import Testing
import WarehouseDatabase
import WarehousePipeline
import WarehouseTestSupport

/// The reporting views (docs/reporting.md) over known events, runs,
/// clusters and marts: every figure checked.
@Suite struct ReportingViewsTests {
    /// Known API events: three consumers, a bot, a failure, an empty search.
    static let events = """
        insert into api.consumption_events (occurred_at, event_type, subject, method, endpoint, path, status, filters,
                                            result_count, latency_ms, user_agent, is_bot) values
        ('2026-03-02 09:00Z', 'search_services', 'alice', 'GET', 'search_services', '/s', 200,
         '{"code_commune": "35238", "thematiques": ["famille--garde-denfants", "numerique--acquerir-un-equipement"]}', 0, 10, 'a', false),
        ('2026-03-02 10:00Z', 'list_services', 'alice', 'GET', 'list_services', '/l', 200,
         '{"code_departement": "35", "sources": ["dora"]}', 4, 20, 'a', false),
        ('2026-03-03 10:00Z', 'list_services', 'bob', 'GET', 'list_services', '/l', 200, '{"code_departement": "35"}', 2, 30, 'b', false),
        ('2026-03-03 11:00Z', 'list_services', 'bob', 'GET', 'list_services', '/l', 422, '{}', null, 40, 'b', false),
        ('2026-03-03 12:00Z', 'list_services', null, 'GET', 'list_services', '/l', 200, '{}', 78, 5, 'Googlebot/2.1', true),
        ('2026-04-07 08:00Z', 'search_services', 'carol', 'GET', 'search_services', '/s', 200, '{"code_commune": "29019"}', 0, 50, 'c', false)
        """

    @Test func consumptionViewsCountKnownEvents() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            try await database.execute(Self.events)
            #expect(try await rows(database, "select day::text, requests, consumers, failed_requests, bot_requests from reporting.requests_per_day order by day")
                    == ["2026-03-02|2|1|0|0", "2026-03-03|2|1|1|1", "2026-04-07|1|1|0|0"])
            #expect(try await rows(database, "select week::text, requests, consumers from reporting.requests_per_week order by week")
                    == ["2026-03-02|4|2", "2026-04-06|1|1"])
            #expect(try await rows(database, "select month::text, requests, consumers, bot_requests from reporting.requests_per_month order by month")
                    == ["2026-03-01|4|2|1", "2026-04-01|1|1|0"])
            #expect(try await rows(database, """
                select consumer, endpoint, requests, failed_requests, results_returned from reporting.requests_per_consumer_endpoint
                order by consumer, endpoint
                """) == ["alice|list_services|1|0|4", "alice|search_services|1|0|0", "bob|list_services|2|1|2", "carol|search_services|1|0|0"])
            #expect(try await rows(database, "select status, status_class, requests, bot_requests from reporting.requests_per_status order by status")
                    == ["200|success|4|1", "422|client error|1|0"])
            // list_services latencies 20, 30, 40 (the bot's 5 left out)
            #expect(try await rows(database, "select endpoint, requests, p50_ms, p90_ms, max_ms from reporting.latency_per_endpoint order by endpoint")
                    == ["list_services|3|30.0|38.0|40.0", "search_services|2|30.0|46.0|50.0"])
            #expect(try await rows(database, "select filter, value, requests, consumers from reporting.filter_usage order by filter, value")
                    == ["code_commune|29019|1|1", "code_commune|35238|1|1", "code_departement|35|2|2", "sources|dora|1|1",
                        "thematiques|famille--garde-denfants|1|1", "thematiques|numerique--acquerir-un-equipement|1|1"])
            #expect(try await rows(database, "select code_commune, coalesce(thematique, '-'), searches, consumers from reporting.unmet_searches order by 1, 2")
                    == ["29019|-|1|1", "35238|famille--garde-denfants|1|1", "35238|numerique--acquerir-un-equipement|1|1"])
            #expect(try await rows(database, "select consumer, requests, endpoints from reporting.consumers order by consumer")
                    == ["alice|2|2", "bob|2|1", "carol|1|1"])
            // April: carol is new, alice and bob (active in March) are lost; May: carol is lost
            #expect(try await rows(database, "select month::text, consumers, new_consumers, lost_consumers from reporting.consumers_per_month order by month")
                    == ["2026-03-01|2|2|0", "2026-04-01|1|1|2", "2026-05-01|0|0|1"])
            #expect(try await rows(database, "select user_agent, requests from reporting.bot_requests") == ["Googlebot/2.1|1"])
        }
    }

    @Test func pipelineAndDedupViewsReadTheRegistry() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            for statement in [
                """
                insert into ops.runs (run_id, command, started_at, finished_at, status) values
                    (101, 'refresh', '2026-03-01 10:00Z', '2026-03-01 10:01:30Z', 'succeeded'),
                    (102, 'refresh', '2026-03-02 10:00Z', '2026-03-02 10:00:45Z', 'partial'),
                    (103, 'refresh', '2026-03-03 10:00Z', null, 'failed')
                """,
                """
                insert into ops.source_loads (run_id, source, status, rows_loaded, rows_rejected) values
                    (101, 'dora', 'succeeded', 100, 1), (101, 'cd35', 'succeeded', 40, 0),
                    (102, 'dora', 'held', 30, 0), (102, 'cd35', 'succeeded', 42, 0),
                    (103, 'dora', 'failed', 0, 0)
                """,
                """
                insert into ops.source_state (source, current_run_id) values ('dora', 101), ('cd35', 102)
                """,
                """
                insert into dedup.clusters (cluster_id, run_id, size, sources, representative_id, member_ids) values
                    ('c1', 102, 1, '{dora}', 'dora--1', '{dora--1}'), ('c2', 102, 2, '{dora,cd35}', 'dora--2', '{dora--2,cd35--2}'),
                    ('c3', 102, 2, '{dora}', 'dora--3', '{dora--3,dora--4}')
                """,
                """
                insert into dedup.cluster_members (structure_id, cluster_id, source) values
                    ('dora--1', 'c1', 'dora'), ('dora--2', 'c2', 'dora'), ('cd35--2', 'c2', 'cd35'), ('dora--3', 'c3', 'dora'), ('dora--4', 'c3', 'dora')
                """,
                """
                insert into dedup.manual_decisions (left_id, right_id, decision) values
                    ('cd35--2', 'dora--2', 'must-link'), ('dora--1', 'dora--3', 'cannot-link')
                """,
            ] {
                do { try await database.execute(statement) } catch { Issue.record("\(String(reflecting: error))"); throw error }
            }
            #expect(try await rows(database, """
                select run_id, duration_seconds, status, sources_loaded, sources_failed_or_held from reporting.pipeline_runs order by run_id
                """) == ["101|90.0|succeeded|2|0", "102|45.0|partial|1|1", "103|-|failed|0|1"])
            #expect(try await rows(database, """
                select source, run_id, rows_loaded, previous_rows_loaded, change, change_ratio, is_sudden_drop
                from reporting.source_row_trend order by source, run_id
                """) == ["cd35|101|40|-|-|-|false", "cd35|102|42|40|2|0.050|false", "dora|101|100|-|-|-|false", "dora|102|30|100|-70|-0.700|true"])
            #expect(try await rows(database, "select source, run_id, rows_loaded, latest_load_status from reporting.last_good_loads order by source")
                    == ["cd35|102|42|succeeded", "dora|101|100|failed"])
            #expect(try await rows(database, "select run_id, source, status, rows_rejected from reporting.source_loads where run_id = 101 order by source")
                    == ["101|cd35|succeeded|0", "101|dora|succeeded|1"])
            #expect(try await rows(database, "select cluster_size, clusters, structures, clusters_across_sources from reporting.cluster_sizes order by 1")
                    == ["1|1|1|0", "2|2|4|1"])
            #expect(try await rows(database, """
                select source, other_source, is_within_source, shared_clusters from reporting.duplicates_per_source_pair order by 1, 2
                """) == ["cd35|dora|false|1", "dora|cd35|false|1", "dora|dora|true|1"])
            #expect(try await rows(database, "select left_id, decision, left_source, right_source, in_same_cluster from reporting.manual_decisions order by 1")
                    == ["cd35--2|must-link|cd35|dora|true", "dora--1|cannot-link|dora|dora|false"])
        }
    }
}

/// Each row as its columns' text in order, joined by |, nulls as -.
func rows(_ database: Database, _ sql: String) async throws -> [String] {
    do { return try await database.rows("""
        select (select string_agg(coalesce(value, '-'), '|' order by ordinality)
                from json_each_text(row_to_json(listed)) with ordinality)
        from (\(sql)) as listed
        """).map { try $0.decode(String.self) }
    } catch {
        throw ReportingQueryFailed(sql: sql, reason: databaseErrorMessage(error))
    }
}

struct ReportingQueryFailed: Error, CustomStringConvertible {
    let sql: String
    let reason: String
    var description: String { "\(reason) in: \(sql)" }
}

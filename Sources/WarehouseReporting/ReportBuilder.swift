import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// Builds `warehouse report` from the reporting views (docs/reporting.md).
/// The consumption section counts the events since the date given, with the
/// views' own definitions (bots apart, a consumer is a token's subject);
/// coverage, quality and deduplication describe the published version; the
/// pipeline section lists the runs since the date.
public struct ReportBuilder: Sendable {
    public let database: Database

    public init(_ database: Database) { self.database = database }

    /// `since` is a day, YYYY-MM-DD (UTC).
    public func build(since: String, now: Date = Date()) async throws -> WarehouseReport {
        guard Self.isDay(since) else {
            throw WarehouseError.invalidArgument("--since must be a day written YYYY-MM-DD (got '\(since)')")
        }
        let version = try await database.rows("select version from ops.current_version").first?.decode(Int.self)
        let published = try await database.scalarInt("select count(*) from pg_views where schemaname = 'reporting' and viewname = 'coverage_per_territory'") > 0
        var sections = [try await consumption(since: since)]
        if published {
            sections += [try await coverage(), try await quality()]
        }
        sections += [try await deduplication(), try await pipeline(since: since)]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return WarehouseReport(since: since, generatedAt: formatter.string(from: now), publishedVersion: version, sections: sections)
    }

    static func isDay(_ text: String) -> Bool {
        guard text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil else { return false }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text).map { formatter.string(from: $0) == text } ?? false
    }

    // MARK: sections

    private func consumption(since: String) async throws -> ReportSection {
        let events = "api.consumption_events where occurred_at >= '\(since)T00:00:00Z'::timestamptz"
        let totals = try await table("totals", """
            select count(*) filter (where not is_bot) as requests,
                   count(distinct subject) filter (where not is_bot) as consumers,
                   count(*) filter (where not is_bot and status >= 400) as failed_requests,
                   count(*) filter (where is_bot) as bot_requests,
                   (select count(*) from reporting.consumers where first_request_at >= '\(since)'::date) as new_consumers,
                   (select count(*) from reporting.consumers where last_request_at < '\(since)'::date) as lost_consumers
            from \(events)
            """)
        return ReportSection(title: "Consumption", figures: figures(totals), tables: [
            try await table("Requests per day", """
                select day::text, requests, consumers, failed_requests as failed, bot_requests as bots
                from reporting.requests_per_day where day >= '\(since)'::date order by day
                """),
            try await table("Per endpoint", """
                select endpoint, count(*) as requests, count(distinct subject) as consumers,
                       count(*) filter (where status >= 400) as failed,
                       round(percentile_cont(0.5) within group (order by latency_ms)::numeric, 1) as p50_ms,
                       round(percentile_cont(0.95) within group (order by latency_ms)::numeric, 1) as p95_ms
                from \(events) and not is_bot group by endpoint order by requests desc, endpoint
                """),
            try await table("Per status", """
                select status, case when status < 300 then 'success' when status < 400 then 'redirection'
                                    when status < 500 then 'client error' else 'server error' end as class,
                       count(*) filter (where not is_bot) as requests, count(*) filter (where is_bot) as bots
                from \(events) group by status order by status
                """),
            try await table("Top consumers", """
                select subject as consumer, endpoint, count(*) as requests, count(*) filter (where status >= 400) as failed
                from \(events) and not is_bot group by subject, endpoint order by requests desc, consumer, endpoint limit 10
                """),
            try await table("Most used filters", """
                select filter.name as filter, given.value, count(*) as requests, count(distinct events.subject) as consumers
                from api.consumption_events as events
                cross join lateral jsonb_each(events.filters) as filter (name, value)
                cross join lateral jsonb_array_elements_text(case jsonb_typeof(filter.value) when 'array' then filter.value
                                                             else jsonb_build_array(filter.value) end) as given (value)
                where events.occurred_at >= '\(since)T00:00:00Z'::timestamptz and not events.is_bot
                  and filter.name in ('thematiques', 'publics', 'code_commune', 'code_departement', 'code_region', 'sources',
                                      'frais', 'modes_accueil', 'types', 'reseaux_porteurs')
                group by 1, 2 order by requests desc, filter, value limit 10
                """),
            try await table("Searches with no result", """
                select events.filters ->> 'code_commune' as code_commune, thematique.value as thematique,
                       count(*) as searches, count(distinct events.subject) as consumers
                from api.consumption_events as events
                left join lateral jsonb_array_elements_text(
                    case jsonb_typeof(events.filters -> 'thematiques') when 'array' then events.filters -> 'thematiques'
                         when 'string' then jsonb_build_array(events.filters -> 'thematiques') else '[]'::jsonb end)
                    as thematique (value) on true
                where events.occurred_at >= '\(since)T00:00:00Z'::timestamptz and not events.is_bot and events.status = 200
                  and events.result_count = 0
                  and events.endpoint in ('list_services', 'search_services', 'v0_list_services', 'v0_search_services')
                group by 1, 2 order by searches desc, code_commune nulls last, thematique nulls last limit 10
                """),
        ])
    }

    private func coverage() async throws -> ReportSection {
        let totals = try await table("totals", """
            select (select count(*) from marts.structures) as structures,
                   (select count(*) from marts.services) as services,
                   (select count(*) from marts.services where _is_valid) as valid_services,
                   (select round(sum(remote_services)::numeric / nullif(sum(services), 0), 3) from reporting.remote_services_per_source)
                       as remote_share,
                   (select count(*) from reporting.services_per_thematique where valid_services = 0) as thematiques_without_service
            """)
        return ReportSection(title: "Coverage", figures: figures(totals), tables: [
            try await table("Per source", """
                select territory.source, sum(territory.structures) as structures, sum(territory.services) as services,
                       sum(territory.valid_services) as valid_services,
                       count(territory.code_departement) filter (where territory.services > 0) as departements,
                       max(remote.remote_share) as remote_share
                from reporting.coverage_per_territory as territory
                left join reporting.remote_services_per_source as remote on remote.source = territory.source
                group by territory.source order by services desc, territory.source
                """),
            try await table("Per région", """
                select coalesce(region, '(no commune)') as region, sum(structures) as structures, sum(services) as services,
                       count(distinct source) as sources
                from reporting.coverage_per_territory group by 1 order by services desc, region
                """),
            try await table("Thematiques with most services", """
                select thematique, valid_services, structures, sources
                from reporting.services_per_thematique where valid_services > 0
                order by valid_services desc, thematique limit 10
                """),
            try await table("Publics", """
                select public, valid_services, structures from reporting.services_per_public
                where valid_services > 0 order by valid_services desc, public limit 10
                """),
        ])
    }

    private func quality() async throws -> ReportSection {
        ReportSection(title: "Quality", figures: [], tables: [
            try await table("Per source (services)", """
                select scores.source, scores.records as services, scores.mean_score as score,
                       contacts.share_geocoded_address as geo_address, contacts.share_geocoded_commune as geo_commune,
                       contacts.share_valid_phone as phone, contacts.share_valid_email as email,
                       structures.share_valid_siret as siret, fresh.median_age_days as age_days
                from reporting.score_qualite_per_source as scores
                inner join reporting.contact_quality_per_source as contacts
                    on contacts.source = scores.source and contacts.entity = scores.entity
                left join reporting.contact_quality_per_source as structures
                    on structures.source = scores.source and structures.entity = 'structure'
                inner join reporting.freshness_per_source as fresh on fresh.source = scores.source and fresh.entity = scores.entity
                where scores.entity = 'service'
                order by scores.source
                """),
            try await table("Validation errors", """
                select source, entity, field, rule, errors from reporting.validation_errors_per_rule
                order by errors desc, source, entity, field, rule limit 15
                """),
        ])
    }

    private func deduplication() async throws -> ReportSection {
        let totals = try await table("totals", """
            select (select count(*) from dedup.clusters) as clusters,
                   (select count(*) from dedup.clusters where size > 1) as duplicate_clusters,
                   (select coalesce(sum(size), 0) from dedup.clusters where size > 1) as structures_in_duplicates,
                   (select count(*) from dedup.manual_decisions) as manual_decisions
            """)
        return ReportSection(title: "Deduplication", figures: figures(totals), tables: [
            try await table("Cluster sizes", "select cluster_size, clusters, structures from reporting.cluster_sizes order by cluster_size"),
            try await table("Duplicates per source pair", """
                select source, other_source, shared_clusters from reporting.duplicates_per_source_pair
                where source <= other_source order by shared_clusters desc, source, other_source limit 15
                """),
            try await table("Manual decisions", """
                select decision, count(*) as decisions,
                       count(*) filter (where in_same_cluster = (decision = 'must-link')) as honoured
                from reporting.manual_decisions group by decision order by decision
                """),
        ])
    }

    private func pipeline(since: String) async throws -> ReportSection {
        ReportSection(title: "Pipeline", figures: [], tables: [
            try await table("Runs", """
                select run_id as run, command, to_char(started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as started,
                       duration_seconds as seconds, status, published_version as version
                from reporting.pipeline_runs where started_at >= '\(since)'::date
                order by run_id desc limit 10
                """),
            try await table("Sources", """
                select good.source, good.run_id as good_run, to_char(good.loaded_at at time zone 'UTC', 'YYYY-MM-DD') as loaded,
                       good.rows_loaded as rows, good.latest_load_status as latest, trend.change_ratio as change,
                       trend.is_sudden_drop as drop
                from reporting.last_good_loads as good
                left join lateral (
                    select change_ratio, is_sudden_drop from reporting.source_row_trend as trend
                    where trend.source = good.source order by trend.run_id desc limit 1
                ) as trend on true
                order by good.source
                """),
        ])
    }

    // MARK: helpers

    private func table(_ title: String, _ sql: String) async throws -> ReportTable {
        let rows = try await database.rows(sql)
        guard let first = rows.first else {
            return ReportTable(title: title, columns: try await columnNames(of: sql), rows: [])
        }
        let columns = first.makeRandomAccess().map(\.columnName)
        return ReportTable(title: title, columns: columns, rows: try rows.map { row in try row.map { try ReportValue($0) } })
    }

    /// The columns of a query that returned no row (its description).
    private func columnNames(of sql: String) async throws -> [String] {
        // a row of nulls: the lateral query's columns, named
        return try await database.rows("""
            select * from (select 1) as anchor left join lateral (\(sql)) as described on true
            """).first?.makeRandomAccess().dropFirst().map(\.columnName) ?? []
    }

    private func figures(_ totals: ReportTable) -> [ReportFigure] {
        guard let row = totals.rows.first else { return [] }
        return zip(totals.columns, row).map { ReportFigure(name: $0, value: $1) }
    }
}

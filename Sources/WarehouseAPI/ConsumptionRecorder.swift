import Foundation
import Logging
import PostgresNIO
import ServiceLifecycle
import WarehouseDatabase

/// One API request as the consumption statistics count it.
struct ConsumptionEvent: Sendable {
    let occurredAt: Date
    let eventType: String
    let tokenID: UUID?
    let subject: String?
    let method: String
    let endpoint: String
    let path: String
    let status: Int
    let filtersJSON: String
    let resultCount: Int?
    let page: Int?
    let size: Int?
    let latencyMilliseconds: Double
    let origin: String?
    let userAgent: String?
    let isBot: Bool
    let dataVersion: Int64?
}

/// Writes consumption events off the request path: requests only append to
/// a buffer; the buffer goes to api.consumption_events in one statement
/// every `flushInterval` or when it holds `batchSize` events, and once more
/// when the server stops, so a clean stop loses nothing.
public actor ConsumptionRecorder: Service {
    let database: Database
    let flushInterval: Duration
    let batchSize: Int
    private var buffer: [ConsumptionEvent] = []
    private var written = 0
    private var flushing: Task<Void, Never>?

    public init(database: Database, flushInterval: Duration = .seconds(1), batchSize: Int = 500) {
        self.database = database
        self.flushInterval = flushInterval
        self.batchSize = batchSize
    }

    public var eventsWritten: Int { written }

    func record(_ event: ConsumptionEvent) {
        buffer.append(event)
        if buffer.count >= batchSize, flushing == nil {
            flushing = Task { await self.flush(); self.flushing = nil }
        }
    }

    /// Periodic flushes until shutdown, then the last one.
    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.flushInterval)
                // a write under way finishes even when the server stops
                await Task.detached { await self.flush() }.value
            }
        }
        await flushing?.value
        // A stop by cancellation must not cancel the last write: it runs
        // outside the cancelled task.
        await Task.detached { await self.flush() }.value
    }

    /// Writes whatever is buffered; on a database error the events stay
    /// buffered for the next attempt.
    public func flush() async {
        guard !buffer.isEmpty else { return }
        let batch = buffer
        buffer.removeAll(keepingCapacity: true)
        do {
            try await insert(batch)
            written += batch.count
        } catch {
            database.logger.error("consumption events not written yet, kept for the next flush",
                                  metadata: ["events": "\(batch.count)", "error": "\(String(reflecting: error))"])
            buffer.insert(contentsOf: batch, at: 0)
        }
    }

    private func insert(_ batch: [ConsumptionEvent]) async throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        // PostgreSQL text cannot hold NUL: one such value would fail the whole batch, again at every flush
        func text(_ values: (ConsumptionEvent) -> String?) -> [String] {
            batch.map { (values($0) ?? "").replacingOccurrences(of: "\u{0}", with: "") }
        }
        let occurred = text { formatter.string(from: $0.occurredAt) }
        let types = text(\.eventType)
        let tokens = text { $0.tokenID?.uuidString }
        let subjects = text(\.subject)
        let methods = text(\.method)
        let endpoints = text(\.endpoint)
        let paths = text(\.path)
        let statuses = batch.map(\.status)
        let filters = text(\.filtersJSON)
        let counts = text { $0.resultCount.map(String.init) }
        let pages = text { $0.page.map(String.init) }
        let sizes = text { $0.size.map(String.init) }
        let latencies = batch.map(\.latencyMilliseconds)
        let origins = text(\.origin)
        let agents = text(\.userAgent)
        let bots = batch.map(\.isBot)
        let versions = text { $0.dataVersion.map(String.init) }
        _ = try await database.query("""
            insert into api.consumption_events (occurred_at, event_type, token_id, subject, method, endpoint, path, status,
                filters, result_count, page, size, latency_ms, origin, user_agent, is_bot, data_version)
            select occurred_at::timestamptz, event_type, nullif(token_id, '')::uuid, nullif(subject, ''), method, endpoint, path,
                   status, filters::jsonb, nullif(result_count, '')::int, nullif(page, '')::int, nullif(size, '')::int, latency_ms,
                   nullif(origin, ''), nullif(user_agent, ''), is_bot, nullif(data_version, '')::bigint
            from unnest(\(occurred)::text[], \(types)::text[], \(tokens)::text[], \(subjects)::text[], \(methods)::text[],
                        \(endpoints)::text[], \(paths)::text[], \(statuses)::int[], \(filters)::text[], \(counts)::text[],
                        \(pages)::text[], \(sizes)::text[], \(latencies)::float8[], \(origins)::text[], \(agents)::text[],
                        \(bots)::bool[], \(versions)::text[])
                as event (occurred_at, event_type, token_id, subject, method, endpoint, path, status, filters, result_count,
                          page, size, latency_ms, origin, user_agent, is_bot, data_version)
            """)
    }
}

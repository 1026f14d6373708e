import Foundation

/// Per-source limits and pacing: `defaults:` of config/sources.yml, overridden
/// by a source's `settings:`.
public struct FetchSettings: Sendable, Hashable {
    /// Seconds without an answer before a request is abandoned (and retried).
    public var timeoutSeconds: Double = 60
    /// Attempts after the first one, for a network error, a timeout, a 5xx, a 429 or a bad body.
    public var retries: Int = 4
    /// First back-off; each retry doubles it, up to `maxBackoffSeconds`, with full jitter.
    public var backoffSeconds: Double = 2
    public var maxBackoffSeconds: Double = 120
    /// A Retry-After longer than this fails the source rather than hanging the run.
    public var maxRetryAfterSeconds: Double = 600
    /// Pause between two calls to the same source.
    public var pauseSeconds: Double = 0
    /// Requests in flight at once to the same source (HTML pages).
    public var concurrency: Int = 1
    /// Records per page asked of paginated APIs.
    public var pageSize: Int = 1000
    /// A stream with fewer records than this share of the last good fetch fails the source.
    public var minShareOfLastFetch: Double = 0.1

    public init() {}

    init(_ raw: RawSettings) {
        if let value = raw.timeout_seconds { timeoutSeconds = value }
        if let value = raw.retries { retries = value }
        if let value = raw.backoff_seconds { backoffSeconds = value }
        if let value = raw.max_backoff_seconds { maxBackoffSeconds = value }
        if let value = raw.max_retry_after_seconds { maxRetryAfterSeconds = value }
        if let value = raw.pause_seconds { pauseSeconds = value }
        if let value = raw.concurrency { concurrency = max(1, value) }
        if let value = raw.page_size { pageSize = max(1, value) }
        if let value = raw.min_share_of_last_fetch { minShareOfLastFetch = value }
    }

    struct RawSettings: Decodable {
        var timeout_seconds: Double?
        var retries: Int?
        var backoff_seconds: Double?
        var max_backoff_seconds: Double?
        var max_retry_after_seconds: Double?
        var pause_seconds: Double?
        var concurrency: Int?
        var page_size: Int?
        var min_share_of_last_fetch: Double?

        init() {}

        func merged(with other: RawSettings?) -> RawSettings {
            guard let other else { return self }
            var result = self
            result.timeout_seconds = other.timeout_seconds ?? timeout_seconds
            result.retries = other.retries ?? retries
            result.backoff_seconds = other.backoff_seconds ?? backoff_seconds
            result.max_backoff_seconds = other.max_backoff_seconds ?? max_backoff_seconds
            result.max_retry_after_seconds = other.max_retry_after_seconds ?? max_retry_after_seconds
            result.pause_seconds = other.pause_seconds ?? pause_seconds
            result.concurrency = other.concurrency ?? concurrency
            result.page_size = other.page_size ?? page_size
            result.min_share_of_last_fetch = other.min_share_of_last_fetch ?? min_share_of_last_fetch
            return result
        }
    }
}

import Foundation

/// When to try a request again: exponential back-off with jitter, and the
/// server's own `Retry-After` on 429 and 503 (seconds or an HTTP date).
public struct RetryPolicy: Sendable {
    public let retries: Int
    public let backoffSeconds: Double
    public let maxBackoffSeconds: Double
    public let maxRetryAfterSeconds: Double

    public init(settings: FetchSettings) {
        retries = settings.retries
        backoffSeconds = settings.backoffSeconds
        maxBackoffSeconds = settings.maxBackoffSeconds
        maxRetryAfterSeconds = settings.maxRetryAfterSeconds
    }

    /// The wait before retry number `retry` (1 for the first), or nil when no
    /// retry is left or the server asks to wait longer than allowed.
    /// Half the back-off is fixed and half random ("equal jitter"), so that
    /// clients failing together do not come back together.
    public func delay(beforeRetry retry: Int, retryAfter: Double?) -> Double? {
        guard retry <= retries else { return nil }
        if let retryAfter {
            return retryAfter <= maxRetryAfterSeconds ? max(0, retryAfter) : nil
        }
        let ceiling = min(maxBackoffSeconds, backoffSeconds * pow(2, Double(retry - 1)))
        return ceiling / 2 + Double.random(in: 0...(ceiling / 2))
    }

    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
    public static func retryAfterSeconds(_ header: String?, now: Date = Date()) -> Double? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Double(header) { return seconds }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: header) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

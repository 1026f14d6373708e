import Foundation

/// Per-token token buckets: each token may spend `burst` requests at once
/// and gets `perSecond` back every second. The limits come from the scope
/// (configurable) unless a limit is set for that token's subject.
actor RateLimiter {
    struct Limit: Sendable, Equatable {
        let perSecond: Double
        let burst: Double
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: Date
    }

    private let limits: @Sendable (AccessToken) -> Limit
    private var buckets: [UUID: Bucket] = [:]

    init(limits: @escaping @Sendable (AccessToken) -> Limit) {
        self.limits = limits
    }

    /// nil when the request may go on; else the seconds to wait.
    func admit(_ token: AccessToken, now: Date = Date()) -> Double? {
        let limit = limits(token)
        var bucket = buckets[token.tokenID] ?? Bucket(tokens: limit.burst, updatedAt: now)
        bucket.tokens = min(limit.burst, bucket.tokens + now.timeIntervalSince(bucket.updatedAt) * limit.perSecond)
        bucket.updatedAt = now
        defer { buckets[token.tokenID] = bucket }
        if bucket.tokens >= 1 {
            bucket.tokens -= 1
            return nil
        }
        return (1 - bucket.tokens) / limit.perSecond
    }
}

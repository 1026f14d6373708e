import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One source's HTTP calls: a timeout per request, retries by the source's
/// `RetryPolicy`, the pause between calls, a body check on every answer, and
/// the counts of the fetch summary. Requests never carry a credential in their
/// URL, so URLs can be logged and shown in errors.
final class SourceHTTPClient: @unchecked Sendable {
    struct Response: Sendable {
        let data: Data
        let status: Int
        let url: URL
        let contentType: String?
    }

    /// Adds the credential to a request (and may fetch it first).
    typealias Authorizer = @Sendable (inout URLRequest) async throws -> Void

    let settings: FetchSettings
    let policy: RetryPolicy
    let stats = FetchStats()
    private let session: URLSession
    private let pacer: Pacer
    private let log: @Sendable (String) -> Void

    init(settings: FetchSettings, log: @escaping @Sendable (String) -> Void) {
        self.settings = settings
        self.policy = RetryPolicy(settings: settings)
        self.pacer = Pacer(pause: settings.pauseSeconds)
        self.log = log
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = settings.timeoutSeconds
        configuration.timeoutIntervalForResource = max(settings.timeoutSeconds * 10, 600)
        configuration.httpMaximumConnectionsPerHost = settings.concurrency
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    /// Sends a request until it succeeds with a body of the expected kind, or
    /// the retries are spent. A 401 calls `reauthorize` once (an OAuth2 token
    /// that expired mid-run) and tries again at once.
    func send(_ url: URL, method: String = "GET", body: Data? = nil, headers: [String: String] = [:],
              expect: BodyCheck.Expected, authorize: Authorizer? = nil,
              reauthorize: (@Sendable () async throws -> Void)? = nil, countsAsPage: Bool = true) async throws -> Response {
        var retry = 0
        var reauthorized = false
        while true {
            await pacer.wait()
            var request = URLRequest(url: url, timeoutInterval: settings.timeoutSeconds)
            request.httpMethod = method
            request.httpBody = body
            for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
            try await authorize?(&request)
            let failure: FetchError
            var retryAfter: Double?
            do {
                let (data, answer) = try await session.data(for: request)
                guard let http = answer as? HTTPURLResponse else {
                    throw FetchError.network(url: url.absoluteString, reason: "not an HTTP answer")
                }
                let contentType = http.value(forHTTPHeaderField: "Content-Type")
                if http.statusCode == 401, let reauthorize, !reauthorized {
                    reauthorized = true
                    log("HTTP 401 from \(url.absoluteString): asking for a new token")
                    try await reauthorize()
                    continue
                }
                if (200..<300).contains(http.statusCode) {
                    try BodyCheck.check(data, contentType: contentType, expected: expect, url: url.absoluteString)
                    if countsAsPage { await stats.received(bytes: data.count) }
                    return Response(data: data, status: http.statusCode, url: http.url ?? url, contentType: contentType)
                }
                if http.statusCode == 429 || http.statusCode == 503 {
                    retryAfter = RetryPolicy.retryAfterSeconds(http.value(forHTTPHeaderField: "Retry-After"))
                }
                failure = .http(url: url.absoluteString, status: http.statusCode, detail: Self.snippet(data))
            } catch let error as FetchError {
                failure = error
            } catch let error as URLError where error.code == .timedOut {
                failure = .network(url: url.absoluteString, reason: "no answer within \(Self.seconds(settings.timeoutSeconds)) (timeout)")
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failure = .network(url: url.absoluteString, reason: "\(error.localizedDescription)")
            }
            retry += 1
            guard failure.isTransient, let delay = policy.delay(beforeRetry: retry, retryAfter: retryAfter) else {
                if let retryAfter, retryAfter > policy.maxRetryAfterSeconds {
                    throw FetchError.network(url: url.absoluteString, reason: "\(Self.reason(failure)) asking to wait \(Self.seconds(retryAfter)) (Retry-After), more than max_retry_after_seconds")
                }
                if failure.isTransient, retry > policy.retries {
                    throw FetchError.network(url: url.absoluteString, reason: "\(Self.reason(failure)) (gave up after \(policy.retries) retries)")
                }
                throw failure
            }
            await stats.retried()
            log("\(failure); retry \(retry)/\(policy.retries) in \(Self.seconds(delay))\(retryAfter != nil ? " (Retry-After)" : "")")
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
        }
    }

    private static func reason(_ error: FetchError) -> String {
        switch error {
        case .network(_, let reason), .badBody(_, let reason): reason
        case .http(_, let status, let detail): "HTTP \(status)\(detail.isEmpty ? "" : ": \(detail)")"
        default: error.description
        }
    }

    /// The start of an error body, on one line, to name what the server said.
    private static func snippet(_ data: Data) -> String {
        let text = String(decoding: data.prefix(160), as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    static func seconds(_ value: Double) -> String { String(format: value < 10 ? "%.2f s" : "%.0f s", value) }
}

/// Keeps `pause` seconds between the starts of two calls to the same source.
actor Pacer {
    let pause: Double
    private var nextStart: ContinuousClock.Instant?

    init(pause: Double) { self.pause = pause }

    func wait() async {
        guard pause > 0 else { return }
        let now = ContinuousClock.now
        let start = max(now, nextStart ?? now)
        nextStart = start.advanced(by: .milliseconds(Int64(pause * 1000)))
        if start > now { try? await Task.sleep(until: start, clock: .continuous) }
    }
}

/// What one source's fetch did, for the summary.
actor FetchStats {
    private(set) var pages = 0
    private(set) var bytes = 0
    private(set) var retries = 0

    func received(bytes count: Int) {
        pages += 1
        bytes += count
    }

    func retried() { retries += 1 }
}

import Foundation

/// A failure a stub producer plays instead of its normal answer, once per
/// queued entry, in order, on the route it is queued for.
enum StubFault: Sendable {
    /// The normal answer (to let the first pages through before a fault).
    case pass
    /// An HTTP error status, with a Retry-After header when given.
    case status(Int, retryAfter: String?)
    /// The normal body cut in the middle (Content-Length matching the cut body).
    case truncated
    /// The answer comes after this many seconds (longer than the client's timeout).
    case delay(Double)
    /// The previous page again instead of the one asked for.
    case repeatPreviousPage
    /// A 200 with the producer's HTML maintenance page.
    case htmlPage
    /// A 200 with no items at all.
    case emptyResult
    /// Every OAuth2 token issued so far stops being valid (France Travail).
    case expireTokens
}

/// What the stubs were asked and what they will do next: the faults queued
/// per route, the requests received, the OAuth2 tokens issued.
actor StubBehaviour {
    struct Received: Sendable {
        let route: String
        let method: String
        let target: String
        let authorization: String?
    }

    private var faults: [String: [StubFault]] = [:]
    private(set) var received: [Received] = []
    private(set) var tokensIssued = 0
    private var validTokens: Set<String> = []
    /// The last page body served per route, for `repeatPreviousPage`.
    private var lastPage: [String: Data] = [:]

    func queue(_ fault: StubFault, on route: String, times: Int = 1) {
        faults[route, default: []] += Array(repeating: fault, count: times)
    }

    func nextFault(on route: String) -> StubFault? {
        guard var queued = faults[route], !queued.isEmpty else { return nil }
        let fault = queued.removeFirst()
        faults[route] = queued
        return fault
    }

    func record(_ request: Received) { received.append(request) }

    func requests(on route: String) -> [Received] { received.filter { $0.route == route } }

    func issueToken() -> String {
        tokensIssued += 1
        let token = "ft-access-\(tokensIssued)"
        validTokens.insert(token)
        return token
    }

    func isValid(token: String) -> Bool { validTokens.contains(token) }

    func expireTokens() { validTokens.removeAll() }

    func remember(page: Data, on route: String) { lastPage[route] = page }

    func previousPage(on route: String) -> Data? { lastPage[route] }
}

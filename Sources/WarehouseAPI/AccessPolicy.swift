import Foundation
#if canImport(Glibc)
import Glibc
#endif
import WarehouseCore
import Yams

/// The access rules of config/api.yml: which sources a token may read and
/// its rate limit. Kept in configuration so that granting a partner access
/// to a restricted source is an edit, not a release.
public struct AccessPolicy: Sendable {
    /// source → the token subjects allowed to read it, as exact names or
    /// shell patterns (`dora-*`)
    public let restrictedSources: [String: Set<String>]
    /// Whether a restricted source is also hidden from lookups by id.
    /// data·inclusion serves any record asked by its id (false); true hides
    /// it there too. Lists, searches and `doublons` always hide it.
    public let restrictDetails: Bool
    /// What `/sources` says of each source (`source_descriptions`).
    public let sourceDescriptions: [String: String]
    let scopeLimits: [TokenScope: RateLimiter.Limit]
    let subjectLimits: [String: RateLimiter.Limit]

    static let fallbackLimit = RateLimiter.Limit(perSecond: 50, burst: 200)

    public init(restrictedSources: [String: Set<String>] = [:], restrictDetails: Bool = false,
                sourceDescriptions: [String: String] = [:], scopeLimits: [TokenScope: (perSecond: Double, burst: Double)] = [:],
                subjectLimits: [String: (perSecond: Double, burst: Double)] = [:]) {
        self.restrictedSources = restrictedSources
        self.restrictDetails = restrictDetails
        self.sourceDescriptions = sourceDescriptions
        self.scopeLimits = scopeLimits.mapValues { RateLimiter.Limit(perSecond: $0.perSecond, burst: $0.burst) }
        self.subjectLimits = subjectLimits.mapValues { RateLimiter.Limit(perSecond: $0.perSecond, burst: $0.burst) }
    }

    public static func load(_ file: URL) throws -> AccessPolicy {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw WarehouseError.unreadableFile(file: file.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        guard let root = try Yams.load(yaml: text) as? [String: Any] else {
            throw WarehouseError.invalidArgument("\(file.path): expected a mapping with restricted_sources and rate_limits")
        }
        var restricted: [String: Set<String>] = [:]
        for (source, subjects) in root["restricted_sources"] as? [String: Any] ?? [:] {
            guard let list = subjects as? [String]? ?? [] else {
                throw WarehouseError.invalidArgument("\(file.path): restricted_sources.\(source) must be a list of token subjects")
            }
            restricted[source] = Set(list)
        }
        let restrictDetails: Bool
        switch root["restrict_details"] {
        case nil: restrictDetails = false
        case let flag as Bool: restrictDetails = flag
        default: throw WarehouseError.invalidArgument("\(file.path): restrict_details must be true or false")
        }
        var descriptions: [String: String] = [:]
        for (source, text) in root["source_descriptions"] as? [String: Any] ?? [:] {
            guard let text = text as? String else {
                throw WarehouseError.invalidArgument("\(file.path): source_descriptions.\(source) must be a text")
            }
            descriptions[source] = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let limits = root["rate_limits"] as? [String: Any] ?? [:]
        func limit(_ value: Any?, at path: String) throws -> (perSecond: Double, burst: Double) {
            guard let mapping = value as? [String: Any], let perSecond = (mapping["per_second"] as? NSNumber)?.doubleValue,
                  let burst = (mapping["burst"] as? NSNumber)?.doubleValue, perSecond > 0, burst >= 1 else {
                throw WarehouseError.invalidArgument("\(file.path): \(path) needs per_second > 0 and burst >= 1")
            }
            return (perSecond, burst)
        }
        var scopes: [TokenScope: (perSecond: Double, burst: Double)] = [:]
        for (name, value) in limits["scopes"] as? [String: Any] ?? [:] {
            guard let scope = TokenScope(rawValue: name) else {
                throw WarehouseError.invalidArgument("\(file.path): rate_limits.scopes.\(name) is not a scope (api, widget, admin)")
            }
            scopes[scope] = try limit(value, at: "rate_limits.scopes.\(name)")
        }
        var subjects: [String: (perSecond: Double, burst: Double)] = [:]
        for (subject, value) in limits["subjects"] as? [String: Any] ?? [:] {
            subjects[subject] = try limit(value, at: "rate_limits.subjects.\(subject)")
        }
        return AccessPolicy(restrictedSources: restricted, restrictDetails: restrictDetails, sourceDescriptions: descriptions, scopeLimits: scopes, subjectLimits: subjects)
    }

    /// The sources this token may not see in lists, searches and `doublons`.
    func hiddenSources(for token: AccessToken) -> [String] {
        guard !token.scopes.contains(.admin) else { return [] }
        return restrictedSources.filter { !Self.matches(token.subject, anyOf: $0.value) }.keys.sorted()
    }

    /// The sources this token may not look up by id.
    func hiddenFromDetails(for token: AccessToken) -> [String] {
        restrictDetails ? hiddenSources(for: token) : []
    }

    static func matches(_ subject: String, anyOf patterns: Set<String>) -> Bool {
        patterns.contains { pattern in
            pattern.contains("*") || pattern.contains("?") || pattern.contains("[")
                ? fnmatch(pattern, subject, 0) == 0
                : pattern == subject
        }
    }

    func limit(for token: AccessToken) -> RateLimiter.Limit {
        if let limit = subjectLimits[token.subject] { return limit }
        // the most generous of the token's scopes
        return token.scopes.compactMap { scopeLimits[$0] }.max { $0.perSecond < $1.perSecond } ?? Self.fallbackLimit
    }
}

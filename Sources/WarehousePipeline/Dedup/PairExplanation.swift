import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// `warehouse dedup explain ID1 ID2`: the comparison of any two structures
/// with the same functions the dedup models score pairs with, plus what the
/// last refresh decided for them.
public struct PairExplanation: Sendable {
    public struct Feature: Sendable {
        public let feature: String
        public let leftValue: String?
        public let rightValue: String?
        public let level: String?
        public let weight: Double?
    }

    public struct Report: Sendable {
        public let leftID: String
        public let rightID: String
        public let features: [Feature]
        /// The pair as judged by the last refresh, when it was a candidate.
        public let scoredDecision: String?
        public let scoredReason: String?
        public let blockingRules: [String]
        public let manualDecision: String?
        public let leftCluster: String?
        public let rightCluster: String?
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    public func explain(_ first: String, _ second: String) async throws -> Report {
        let (left, right) = first < second ? (first, second) : (second, first)
        let known = try await database.query("select id from dedup.structure_keys where id in (\(left), \(right))")
            .map { try $0.decode(String.self) }
        for id in [left, right] where !known.contains(id) {
            throw WarehouseError.invalidArgument("no structure '\(id)' in the last refresh (ids look like dora--<id>; see marts.structures)")
        }
        let features = try await database.query("""
            select feature, left_value, right_value, level, weight from dedup.explain_pair(\(left), \(right))
            """).map { row in
            let (feature, leftValue, rightValue, level, weight) = try row.decode((String, String?, String?, String?, Double?).self)
            return Feature(feature: feature, leftValue: leftValue, rightValue: rightValue, level: level, weight: weight)
        }
        // a candidate across two communes is a cannot-link settled at blocking: not in dedup.pairs
        let scored = try await database.query("""
            select
                coalesce(pairs.decision, 'cannot-link'),
                coalesce(pairs.reason, 'the two structures are in different communes: a cannot-link settled at blocking, not scored'),
                candidates.blocking_rules
            from dedup.candidate_pairs as candidates
            left join dedup.pairs as pairs on pairs.left_id = candidates.left_id and pairs.right_id = candidates.right_id
            where candidates.left_id = \(left) and candidates.right_id = \(right)
            """).first.map { try $0.decode((String, String, [String]).self) }
        let manual = try await database.query("""
            select decision || coalesce(' (' || note || ')', '') from dedup.manual_decisions where left_id = \(left) and right_id = \(right)
            """).first.map { try $0.decode(String.self) }
        var clusters: [String: String] = [:]
        for row in try await database.query("select structure_id, cluster_id from dedup.cluster_members where structure_id in (\(left), \(right))") {
            let (id, cluster) = try row.decode((String, String).self)
            clusters[id] = cluster
        }
        return Report(leftID: left, rightID: right, features: features, scoredDecision: scored?.0, scoredReason: scored?.1,
                      blockingRules: scored?.2 ?? [], manualDecision: manual, leftCluster: clusters[left], rightCluster: clusters[right])
    }

    /// Records an operator's decision, honoured by the next refresh.
    public func decide(_ first: String, _ second: String, decision: String, note: String?) async throws {
        guard ["must-link", "cannot-link"].contains(decision) else {
            throw WarehouseError.invalidArgument("decision must be must-link or cannot-link, not '\(decision)'")
        }
        guard first != second else { throw WarehouseError.invalidArgument("a structure cannot be paired with itself") }
        let (left, right) = first < second ? (first, second) : (second, first)
        let known = try await database.query("select id from marts.structures where id in (\(left), \(right))")
            .map { try $0.decode(String.self) }
        for id in [left, right] where !known.contains(id) {
            throw WarehouseError.invalidArgument("no published structure '\(id)' (ids look like dora--<id>; see marts.structures)")
        }
        _ = try await database.query("""
            insert into dedup.manual_decisions (left_id, right_id, decision, note) values (\(left), \(right), \(decision), \(note))
            on conflict (left_id, right_id) do update
                set decision = excluded.decision, note = excluded.note, decided_by = current_user, decided_at = now()
            """)
    }
}

import CSV
import Foundation
import Logging
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// `warehouse dedup evaluate`: compares the published clusters with a truth
/// file (`source,native_id,entity`: records of one real organisation share
/// an entity) pair by pair, as record-linkage studies do.
public struct ClusterEvaluation: Sendable {
    public struct Metrics: Sendable {
        public let truthRows: Int
        public let matchedRows: Int
        public let predictedPairs: Int
        public let truePairs: Int
        public let correctPairs: Int

        public var precision: Double { predictedPairs == 0 ? 1 : Double(correctPairs) / Double(predictedPairs) }
        public var recall: Double { truePairs == 0 ? 1 : Double(correctPairs) / Double(truePairs) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// A pair the clusters got wrong, with what the scoring said of it.
    public struct PairError: Sendable {
        public let leftID: String
        public let rightID: String
        public let matchWeight: Double?
        public let decision: String?
        public let reason: String
    }

    public struct Report: Sendable {
        public let metrics: Metrics
        public let falseMerges: [PairError]
        public let misses: [PairError]
        /// Why true pairs were missed: not a candidate, scored below the
        /// threshold, cannot-link, or refused by a clustering constraint.
        public let missCauses: [(cause: String, pairs: Int)]
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    /// Reads the truth file; a row whose fields are missing is an error
    /// naming its line.
    public static func readTruth(_ file: URL) throws -> [(structureID: String, entity: String)] {
        guard let stream = InputStream(url: file) else {
            throw WarehouseError.unreadableFile(file: file.path, reason: "cannot be opened")
        }
        let reader: CSVReader
        do { reader = try CSVReader(stream: stream, hasHeaderRow: true) } catch {
            throw WarehouseError.unreadableFile(file: file.path, reason: "not a CSV file: \(error)")
        }
        let header = reader.headerRow ?? []
        guard let source = header.firstIndex(of: "source"), let native = header.firstIndex(of: "native_id"),
              let entity = header.firstIndex(of: "entity") else {
            throw WarehouseError.unreadableFile(file: file.path, reason: "needs the columns source,native_id,entity (found \(header.joined(separator: ",")))")
        }
        var rows: [(String, String)] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            guard row.count > max(source, native, entity), !row[source].isEmpty, !row[native].isEmpty, !row[entity].isEmpty else {
                throw WarehouseError.unreadableFile(file: file.path, reason: "line \(line): source, native_id and entity are all required")
            }
            rows.append(("\(row[source])--\(row[native])", row[entity]))
        }
        return rows
    }

    public func evaluate(truth: [(structureID: String, entity: String)], examples: Int) async throws -> Report {
        let structureIDs = truth.map(\.structureID)
        let entities = truth.map(\.entity)
        return try await database.transaction { connection in
            let logger = database.logger
            try await connection.execute("create temporary table truth (structure_id text primary key, entity text not null) on commit drop", logger: logger)
            try await connection.query("""
                insert into truth select * from unnest(\(structureIDs)::text[], \(entities)::text[]) on conflict do nothing
                """, logger: logger)
            try await connection.execute("""
                create temporary table judged on commit drop as
                select truth.structure_id, truth.entity, structures.cluster_id
                from truth inner join marts.structures as structures on structures.id = truth.structure_id
                """, logger: logger)
            let counts = try await connection.query(PostgresQuery(unsafeSQL: """
                select
                    (select count(*)::int from truth),
                    (select count(*)::int from judged),
                    (select coalesce(sum(n * (n - 1) / 2), 0)::bigint from (select count(*) as n from judged group by cluster_id) as c),
                    (select coalesce(sum(n * (n - 1) / 2), 0)::bigint from (select count(*) as n from judged group by entity) as e),
                    (select coalesce(sum(n * (n - 1) / 2), 0)::bigint from (select count(*) as n from judged group by cluster_id, entity) as b)
                """), logger: logger).collect()
            let (truthRows, matched, predicted, truePairs, correct) = try counts[0].decode((Int, Int, Int64, Int64, Int64).self)
            let metrics = Metrics(truthRows: truthRows, matchedRows: matched, predictedPairs: Int(predicted),
                                  truePairs: Int(truePairs), correctPairs: Int(correct))
            let falseMerges = try await Self.pairErrors(on: connection, logger: logger, examples: examples, sql: """
                select a.structure_id, b.structure_id from judged as a
                inner join judged as b on b.cluster_id = a.cluster_id and b.structure_id > a.structure_id
                where b.entity <> a.entity
                """)
            let misses = try await Self.pairErrors(on: connection, logger: logger, examples: examples, sql: """
                select a.structure_id, b.structure_id from judged as a
                inner join judged as b on b.entity = a.entity and b.structure_id > a.structure_id
                where b.cluster_id <> a.cluster_id
                """)
            let causes = try await connection.query(PostgresQuery(unsafeSQL: """
                with missed as (
                    select a.structure_id as left_id, b.structure_id as right_id from judged as a
                    inner join judged as b on b.entity = a.entity and b.structure_id > a.structure_id
                    where b.cluster_id <> a.cluster_id
                )
                select case
                        when candidates.left_id is null then 'never a candidate pair (no blocking rule)'
                        when candidates.is_across_communes then 'candidate across two communes (a cannot-link, not scored)'
                        when pairs.decision = 'match' then 'scored match, merge refused by a clustering constraint'
                        else 'scored ' || pairs.decision
                    end as cause,
                    count(*)::int
                from missed
                left join dedup.candidate_pairs as candidates
                    on candidates.left_id = missed.left_id and candidates.right_id = missed.right_id
                left join \(Self.pairsRelation) as pairs on pairs.left_id = missed.left_id and pairs.right_id = missed.right_id
                group by 1 order by 2 desc
                """), logger: logger).collect().map { try $0.decode((String, Int).self) }
            return Report(metrics: metrics, falseMerges: falseMerges, misses: misses,
                          missCauses: causes.map { (cause: $0.0, pairs: $0.1) })
        }
    }

    /// The columns of `dedup.pairs` the evaluation reads.
    static let pairsRelation = "(select left_id, right_id, match_weight, decision, reason from dedup.pairs)"

    /// The first `examples` pairs of `sql`, strongest scored first, with the
    /// scoring's view of each.
    private static func pairErrors(on connection: PostgresConnection, logger: Logger, examples: Int, sql: String) async throws -> [PairError] {
        try await connection.query(PostgresQuery(unsafeSQL: """
            with listed as (\(sql))
            select listed.left_id, listed.right_id, pairs.match_weight,
                   coalesce(pairs.decision, case when candidates.is_across_communes then 'cannot-link' end),
                   coalesce(pairs.reason,
                            case when candidates.is_across_communes
                                 then 'a candidate pair across two communes: a cannot-link by rule, not scored'
                                 else 'not a candidate pair: no blocking rule brought them together' end)
            from listed as listed (left_id, right_id)
            left join dedup.candidate_pairs as candidates
                on candidates.left_id = listed.left_id and candidates.right_id = listed.right_id
            left join \(pairsRelation) as pairs on pairs.left_id = listed.left_id and pairs.right_id = listed.right_id
            order by pairs.match_weight desc nulls last, listed.left_id, listed.right_id
            limit \(examples)
            """), logger: logger).collect().map { row in
            let (left, right, weight, decision, reason) = try row.decode((String, String, Double?, String?, String).self)
            return PairError(leftID: left, rightID: right, matchWeight: weight, decision: decision, reason: reason)
        }
    }
}

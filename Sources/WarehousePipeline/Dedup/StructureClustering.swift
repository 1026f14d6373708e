import Foundation
import PostgresNIO
import WarehouseCore
import WarehouseDatabase

/// The clustering step of a refresh: joins the structures of a mart build
/// along the pairs the dedup models judged `match` (strongest first), never
/// across a cannot-link (scored or decided by a person), two different
/// SIRETs or two communes, then gives every cluster a stable id from the registry and writes
/// `cluster_id` into the build's structures and services.
public struct StructureClustering: Sendable {
    /// Beyond this size a cluster is more likely a chain of errors than one
    /// organisation published many times: further merges are refused.
    public static let maximumClusterSize = 12

    public struct Summary: Sendable {
        public let structures: Int
        public let candidatePairs: Int
        public let matchPairs: Int
        public let mergesRefused: Int
        public let clusters: Int
        public let multiMemberClusters: Int
        public let largestCluster: Int
        public let clustersKeptID: Int
        public let clustersNewID: Int
        public let clusteredServices: Int
        public let seconds: Double

        public var line: String {
            "\(structures) structures, \(candidatePairs) pairs scored, \(matchPairs) matches → \(clusters) clusters "
                + "(\(multiMemberClusters) with duplicates, largest \(largestCluster), \(mergesRefused) merges refused), "
                + "\(clustersKeptID) ids kept, \(clustersNewID) new; \(clusteredServices) services in duplicate groups"
        }
    }

    let database: Database

    public init(_ database: Database) { self.database = database }

    struct Structure {
        let id: String
        let source: String
        let siret: String?
        let communeKey: String?
        let score: Double
        let dateMaj: String?
    }

    struct Link {
        let left: String
        let right: String
        let reason: String
    }

    public func run(buildSchema: String, runID: Int64) async throws -> Summary {
        let started = Date()
        let structures = try await loadStructures(buildSchema)
        let index = Dictionary(uniqueKeysWithValues: structures.enumerated().map { ($0.element.id, $0.offset) })
        let hasPairs = try await database.scalarInt("select (to_regclass('dedup.pairs') is not null)::int") == 1
        let candidatePairs = hasPairs ? try await database.scalarInt("select count(*) from dedup.pairs") : 0
        let matches = hasPairs ? try await links("select left_id, right_id, reason from dedup.pairs where decision = 'match' order by match_weight desc, left_id, right_id") : []
        let scoredCannotLinks = hasPairs ? try await links("select left_id, right_id, reason from dedup.pairs where decision = 'cannot-link'") : []
        let mustLinks = try await links("select left_id, right_id, coalesce(note, '') from dedup.manual_decisions where decision = 'must-link' order by left_id, right_id")
        let manualCannotLinks = try await links("select left_id, right_id, coalesce(note, '') from dedup.manual_decisions where decision = 'cannot-link'")

        var unionFind = ConstrainedUnionFind(sirets: structures.map(\.siret), communes: structures.map(\.communeKey),
                                             maximumClusterSize: Self.maximumClusterSize)
        var manualForbidden = Set<[Int]>()
        for link in scoredCannotLinks + manualCannotLinks {
            guard let left = index[link.left], let right = index[link.right] else { continue }
            unionFind.forbid(left, right)
        }
        for link in manualCannotLinks {
            if let left = index[link.left], let right = index[link.right] { manualForbidden.insert([min(left, right), max(left, right)]) }
        }
        var joinedBy = [String?](repeating: nil, count: structures.count)
        var refused = 0
        func note(_ left: Int, _ right: Int, _ text: String) {
            if joinedBy[left] == nil { joinedBy[left] = "\(structures[right].id): \(text)" }
            if joinedBy[right] == nil { joinedBy[right] = "\(structures[left].id): \(text)" }
        }
        for link in mustLinks {
            guard let left = index[link.left], let right = index[link.right] else { continue }
            let outcome = unionFind.merge(left, right, force: true) { manualForbidden.contains([min($0, $1), max($0, $1)]) }
            if outcome == .merged { note(left, right, "must-link decided by hand" + (link.reason.isEmpty ? "" : " (\(link.reason))")) }
        }
        for link in matches {
            guard let left = index[link.left], let right = index[link.right] else { continue }
            switch unionFind.merge(left, right) {
            case .merged: note(left, right, link.reason)
            case .refused: refused += 1
            case .alreadyTogether: break
            }
        }

        let groups = unionFind.groups()
        let memberIDs = groups.map { $0.map { structures[$0].id } }
        let assignment = StableClusterIdentity.assign(clusters: memberIDs, previous: try await previousClusterIDs())
        let fresh = try await mintClusterIDs(count: assignment.newIDs)
        var freshIterator = fresh.makeIterator()
        let clusterIDs = assignment.ids.map { $0 ?? freshIterator.next()! }

        var clusterRows = ClusterRows()
        for (group, clusterID) in zip(groups, clusterIDs) {
            let representative = group.min { Self.isBetterRepresentative(structures[$0], than: structures[$1]) }!
            clusterRows.appendCluster(
                id: clusterID, size: group.count,
                sources: Array(Set(group.map { structures[$0].source })).sorted(),
                representative: structures[representative].id, members: group.map { structures[$0].id })
            for member in group {
                clusterRows.appendMember(structure: structures[member].id, cluster: clusterID, source: structures[member].source,
                                         joinedBy: group.count > 1 ? joinedBy[member] : nil)
            }
        }
        let services = try await write(clusterRows, buildSchema: buildSchema, runID: runID)
        let summary = Summary(
            structures: structures.count, candidatePairs: candidatePairs, matchPairs: matches.count, mergesRefused: refused,
            clusters: groups.count, multiMemberClusters: groups.filter { $0.count > 1 }.count,
            largestCluster: groups.map(\.count).max() ?? 0, clustersKeptID: assignment.keptIDs,
            clustersNewID: assignment.newIDs, clusteredServices: services, seconds: Date().timeIntervalSince(started))
        try await record(summary, runID: runID)
        return summary
    }

    /// The representative of a cluster: best score_qualite, then latest
    /// date_maj, then smallest id.
    static func isBetterRepresentative(_ left: Structure, than right: Structure) -> Bool {
        if left.score != right.score { return left.score > right.score }
        if left.dateMaj != right.dateMaj { return (left.dateMaj ?? "") > (right.dateMaj ?? "") }
        return left.id < right.id
    }

    private func loadStructures(_ schema: String) async throws -> [Structure] {
        try await database.rows("""
            select id, source, siret, public.dedup_commune_key(nullif(btrim(code_insee), '')),
                   coalesce(score_qualite, 0), date_maj::text
            from \(schema).structures
            where id is not null order by id
            """).map { row in
            let (id, source, siret, communeKey, score, dateMaj) = try row.decode((String, String, String?, String?, Double, String?).self)
            return Structure(id: id, source: source, siret: siret, communeKey: communeKey, score: score, dateMaj: dateMaj)
        }
    }

    private func links(_ sql: String) async throws -> [Link] {
        try await database.rows(sql).map { row in
            let (left, right, reason) = try row.decode((String, String, String?).self)
            return Link(left: left, right: right, reason: reason ?? "")
        }
    }

    private func previousClusterIDs() async throws -> [String: String] {
        var previous: [String: String] = [:]
        for row in try await database.rows("select structure_id, cluster_id from dedup.cluster_registry") {
            let (structure, cluster) = try row.decode((String, String).self)
            previous[structure] = cluster
        }
        return previous
    }

    private func mintClusterIDs(count: Int) async throws -> [String] {
        guard count > 0 else { return [] }
        return try await database.rows("""
            select 'cl-' || lpad(nextval('dedup.cluster_id_seq')::text, 8, '0') from generate_series(1, \(count))
            """).map { try $0.decode(String.self) }
    }

    /// Replaces the clusters and updates the registry (one transaction) while
    /// writing the build's cluster_id columns (another): the two touch
    /// different tables and each is one core's work for a second or two, so
    /// they run side by side. Returns the number of services that share a
    /// service cluster with another structure's service.
    private func write(_ rows: ClusterRows, buildSchema: String, runID: Int64) async throws -> Int {
        async let registry: Void = writeClusters(rows, runID: runID)
        async let services = writeBuildClusterIDs(rows, buildSchema: buildSchema)
        try await registry
        return try await services
    }

    private func writeClusters(_ rows: ClusterRows, runID: Int64) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            try await connection.execute("truncate dedup.clusters, dedup.cluster_members", logger: logger)
            try await connection.query("""
                insert into dedup.clusters (cluster_id, run_id, size, sources, representative_id, member_ids)
                select cluster_id, \(runID), size, string_to_array(sources, ','), representative_id, string_to_array(member_ids, E'\\x1f')
                from unnest(\(rows.clusterIDs)::text[], \(rows.sizes)::int[], \(rows.sources)::text[],
                            \(rows.representatives)::text[], \(rows.memberLists)::text[])
                    as given (cluster_id, size, sources, representative_id, member_ids)
                """, logger: logger)
            try await connection.query("""
                insert into dedup.cluster_members (structure_id, cluster_id, source, joined_by)
                select structure_id, cluster_id, source, nullif(joined_by, '')
                from unnest(\(rows.memberIDs)::text[], \(rows.memberClusters)::text[], \(rows.memberSources)::text[],
                            \(rows.joinedBy)::text[]) as given (structure_id, cluster_id, source, joined_by)
                """, logger: logger)
            try await connection.execute("""
                insert into dedup.cluster_registry (structure_id, cluster_id, first_run_id, last_run_id)
                select structure_id, cluster_id, \(runID), \(runID) from dedup.cluster_members
                on conflict (structure_id) do update
                    set cluster_id = excluded.cluster_id, last_run_id = excluded.last_run_id
                """, logger: logger)
        }
    }

    private func writeBuildClusterIDs(_ rows: ClusterRows, buildSchema: String) async throws -> Int {
        let logger = database.logger
        return try await database.transaction { connection in
            try await connection.query("""
                update \(unescaped: buildSchema).structures as structures set cluster_id = given.cluster_id
                from unnest(\(rows.memberIDs)::text[], \(rows.memberClusters)::text[]) as given (structure_id, cluster_id)
                where given.structure_id = structures.id
                """, logger: logger)
            return try await ServiceClustering.apply(buildSchema: buildSchema, on: connection, logger: logger)
        }
    }

    private func record(_ summary: Summary, runID: Int64) async throws {
        _ = try await database.query("""
            insert into dedup.clustering_runs (run_id, structures, candidate_pairs, match_pairs, merges_refused, clusters,
                multi_member_clusters, largest_cluster, clusters_kept_id, clusters_new_id, seconds)
            values (\(runID), \(summary.structures), \(summary.candidatePairs), \(summary.matchPairs), \(summary.mergesRefused),
                \(summary.clusters), \(summary.multiMemberClusters), \(summary.largestCluster), \(summary.clustersKeptID),
                \(summary.clustersNewID), \(summary.seconds))
            on conflict (run_id) do update set structures = excluded.structures, candidate_pairs = excluded.candidate_pairs,
                match_pairs = excluded.match_pairs, merges_refused = excluded.merges_refused, clusters = excluded.clusters,
                multi_member_clusters = excluded.multi_member_clusters, largest_cluster = excluded.largest_cluster,
                clusters_kept_id = excluded.clusters_kept_id, clusters_new_id = excluded.clusters_new_id,
                seconds = excluded.seconds, finished_at = now()
            """)
    }
}

/// Column arrays bound to one `unnest` insert each, rather than a statement
/// per row.
struct ClusterRows {
    var clusterIDs: [String] = []
    var sizes: [Int] = []
    var sources: [String] = []
    var representatives: [String] = []
    var memberLists: [String] = []
    var memberIDs: [String] = []
    var memberClusters: [String] = []
    var memberSources: [String] = []
    /// Empty for a structure alone in its cluster.
    var joinedBy: [String] = []

    mutating func appendCluster(id: String, size: Int, sources: [String], representative: String, members: [String]) {
        clusterIDs.append(id)
        sizes.append(size)
        self.sources.append(sources.joined(separator: ","))
        representatives.append(representative)
        memberLists.append(members.joined(separator: "\u{1F}"))
    }

    mutating func appendMember(structure: String, cluster: String, source: String, joinedBy reason: String?) {
        memberIDs.append(structure)
        memberClusters.append(cluster)
        memberSources.append(source)
        joinedBy.append(reason ?? "")
    }
}

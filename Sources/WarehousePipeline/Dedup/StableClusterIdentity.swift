/// Gives each new cluster the id of the previous cluster it overlaps most, so
/// that ids survive refreshes: a cluster keeps its id while its members
/// overlap, a split leaves the id with the larger part, a merge keeps the id
/// of the larger former cluster, and nothing else is renumbered.
struct StableClusterIdentity {
    struct Assignment: Equatable {
        /// The former id each cluster keeps, in the order the clusters were
        /// given; nil where a fresh id must be minted.
        let ids: [String?]
        let keptIDs: Int
        let newIDs: Int
    }

    /// `clusters` holds member keys; `previous` maps a member to its former
    /// cluster id.
    static func assign(clusters: [[String]], previous: [String: String]) -> Assignment {
        struct Claim { let cluster: Int; let id: String; let overlap: Int }
        var claims: [Claim] = []
        for (index, members) in clusters.enumerated() {
            var overlap: [String: Int] = [:]
            for member in members { if let id = previous[member] { overlap[id, default: 0] += 1 } }
            claims += overlap.map { Claim(cluster: index, id: $0.key, overlap: $0.value) }
        }
        // Largest overlaps first; ties go to the cluster listed first and the
        // smaller id, so the result does not depend on dictionary order.
        claims.sort { ($0.overlap, -$0.cluster, $1.id) > ($1.overlap, -$1.cluster, $0.id) }
        var ids = [String?](repeating: nil, count: clusters.count)
        var taken = Set<String>()
        for claim in claims where ids[claim.cluster] == nil && !taken.contains(claim.id) {
            ids[claim.cluster] = claim.id
            taken.insert(claim.id)
        }
        let kept = ids.compactMap { $0 }.count
        return Assignment(ids: ids, keptIDs: kept, newIDs: clusters.count - kept)
    }
}

/// Union-find over structures whose merges respect constraints, so that one
/// wrong link cannot chain two unrelated organisations together: a merge is
/// refused when the two groups hold a cannot-link pair, when they would hold
/// two different SIRETs (two establishments are two structures) or two
/// communes (one structure is in one commune: pairs across communes are not
/// even scored), or when the group would grow beyond `maximumClusterSize`.
struct ConstrainedUnionFind {
    enum MergeOutcome: Equatable {
        case merged
        case alreadyTogether
        case refused(String)
    }

    private var parent: [Int]
    private var members: [[Int]]
    private var sirets: [String?]
    private var communes: [String?]
    private var cannotLink: [Set<Int>]
    let maximumClusterSize: Int

    /// `sirets[i]` is structure i's valid SIRET, if any; `communes[i]` its
    /// commune (INSEE code, arrondissements as their commune), if known.
    init(sirets: [String?], communes: [String?]? = nil, maximumClusterSize: Int) {
        parent = Array(sirets.indices)
        members = sirets.indices.map { [$0] }
        self.sirets = sirets
        self.communes = communes ?? Array(repeating: nil, count: sirets.count)
        precondition(self.communes.count == sirets.count, "one commune per structure")
        cannotLink = Array(repeating: [], count: sirets.count)
        self.maximumClusterSize = maximumClusterSize
    }

    mutating func forbid(_ left: Int, _ right: Int) {
        guard left != right else { return }
        cannotLink[left].insert(right)
        cannotLink[right].insert(left)
    }

    mutating func find(_ node: Int) -> Int {
        var root = node
        while parent[root] != root { root = parent[root] }
        var current = node
        while parent[current] != root {
            let next = parent[current]
            parent[current] = root
            current = next
        }
        return root
    }

    /// Joins the groups of `left` and `right` unless a constraint forbids it.
    /// `force` (a must-link decided by a person) skips the similarity-based
    /// constraints but still refuses a cannot-link decided by a person.
    mutating func merge(_ left: Int, _ right: Int, force: Bool = false, manualCannotLink: (Int, Int) -> Bool = { _, _ in false }) -> MergeOutcome {
        var leftRoot = find(left)
        var rightRoot = find(right)
        if leftRoot == rightRoot { return .alreadyTogether }
        if members[leftRoot].count < members[rightRoot].count { swap(&leftRoot, &rightRoot) }
        let other = Set(members[leftRoot])
        for member in members[rightRoot] {
            for forbidden in cannotLink[member] where other.contains(forbidden) {
                if !force || manualCannotLink(member, forbidden) {
                    return .refused("a cannot-link pair would be joined")
                }
            }
        }
        if !force {
            if let leftSiret = sirets[leftRoot], let rightSiret = sirets[rightRoot], leftSiret != rightSiret {
                return .refused("two different SIRETs (\(leftSiret), \(rightSiret))")
            }
            if let leftCommune = communes[leftRoot], let rightCommune = communes[rightRoot], leftCommune != rightCommune {
                return .refused("two communes (\(leftCommune), \(rightCommune))")
            }
            if members[leftRoot].count + members[rightRoot].count > maximumClusterSize {
                return .refused("the cluster would exceed \(maximumClusterSize) records")
            }
        }
        parent[rightRoot] = leftRoot
        members[leftRoot].append(contentsOf: members[rightRoot])
        members[rightRoot] = []
        if sirets[leftRoot] == nil { sirets[leftRoot] = sirets[rightRoot] }
        if communes[leftRoot] == nil { communes[leftRoot] = communes[rightRoot] }
        return .merged
    }

    /// Every group, each sorted, in the order of its smallest member.
    mutating func groups() -> [[Int]] {
        (0..<parent.count)
            .filter { find($0) == $0 }
            .map { members[$0].sorted() }
            .sorted { $0[0] < $1[0] }
    }
}

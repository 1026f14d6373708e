import Testing
@testable import WarehousePipeline

/// The clustering's guarantees that need no database: merges that would
/// chain unrelated organisations are refused, and cluster ids follow their
/// members from one run to the next.
@Suite struct ClusteringTests {
    @Test func twoDifferentSiretsAreNeverJoinedEvenThroughAThirdRecord() {
        var unionFind = ConstrainedUnionFind(sirets: ["11111111100011", nil, "22222222200022"], maximumClusterSize: 10)
        #expect(unionFind.merge(0, 1) == .merged)
        if case .refused(let reason) = unionFind.merge(1, 2) {
            #expect(reason.contains("SIRET"))
        } else {
            Issue.record("a merge joining two SIRETs through a record without SIRET was accepted")
        }
        #expect(unionFind.groups() == [[0, 1], [2]])
    }

    @Test func twoCommunesAreNeverJoinedEvenThroughARecordWithoutCommune() {
        var unionFind = ConstrainedUnionFind(sirets: [nil, nil, nil], communes: ["35238", nil, "35047"], maximumClusterSize: 10)
        #expect(unionFind.merge(0, 1) == .merged)
        if case .refused(let reason) = unionFind.merge(1, 2) {
            #expect(reason.contains("communes"))
        } else {
            Issue.record("a merge joining two communes through a record without commune was accepted")
        }
        #expect(unionFind.groups() == [[0, 1], [2]])
    }

    @Test func aCannotLinkHoldsAcrossWholeGroups() {
        var unionFind = ConstrainedUnionFind(sirets: [nil, nil, nil, nil], maximumClusterSize: 10)
        unionFind.forbid(0, 3)
        #expect(unionFind.merge(0, 1) == .merged)
        #expect(unionFind.merge(2, 3) == .merged)
        #expect(unionFind.merge(1, 2) != .merged)
        #expect(unionFind.groups() == [[0, 1], [2, 3]])
    }

    @Test func aMustLinkOverridesScoresButNotAManualCannotLink() {
        var unionFind = ConstrainedUnionFind(sirets: ["11111111100011", "22222222200022", nil], maximumClusterSize: 10)
        #expect(unionFind.merge(0, 1, force: true) == .merged)
        unionFind.forbid(1, 2)
        #expect(unionFind.merge(0, 2, force: true) == .merged)   // scored cannot-link: a person overrides it
        var decided = ConstrainedUnionFind(sirets: [nil, nil], maximumClusterSize: 10)
        decided.forbid(0, 1)
        #expect(decided.merge(0, 1, force: true) { _, _ in true } != .merged)
    }

    @Test func clustersStopGrowingAtTheLimit() {
        var unionFind = ConstrainedUnionFind(sirets: Array(repeating: nil, count: 5), maximumClusterSize: 3)
        #expect(unionFind.merge(0, 1) == .merged)
        #expect(unionFind.merge(1, 2) == .merged)
        #expect(unionFind.merge(2, 3) != .merged)
        #expect(unionFind.groups().map(\.count).max() == 3)
    }

    @Test func unchangedClustersKeepTheirIds() {
        let previous = ["a": "c1", "b": "c1", "c": "c2"]
        let assignment = StableClusterIdentity.assign(clusters: [["a", "b"], ["c"]], previous: previous)
        #expect(assignment.ids == ["c1", "c2"])
        #expect(assignment.keptIDs == 2 && assignment.newIDs == 0)
    }

    @Test func addingOrRemovingARecordRenumbersNoOtherCluster() {
        let previous = ["a": "c1", "b": "c1", "c": "c2", "d": "c3"]
        // "e" arrives and joins c2's record; "d" left the sources
        let assignment = StableClusterIdentity.assign(clusters: [["a", "b"], ["c", "e"], ["f"]], previous: previous)
        #expect(assignment.ids == ["c1", "c2", nil])
    }

    @Test func aSplitLeavesTheIdWithTheLargerPartAndAMergeKeepsTheLargerFormerId() {
        let split = StableClusterIdentity.assign(clusters: [["a"], ["b", "c"]], previous: ["a": "c1", "b": "c1", "c": "c1"])
        #expect(split.ids == [nil, "c1"])
        let merge = StableClusterIdentity.assign(clusters: [["a", "b", "c"]], previous: ["a": "c1", "b": "c2", "c": "c2"])
        #expect(merge.ids == ["c2"])
    }
}

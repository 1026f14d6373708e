import Testing
@testable import WarehouseAPI

/// The kept exclure_doublons lists: found again by their key, the least
/// recently used dropped first, within the list and id bounds.
@Suite struct RepresentativeListsTests {
    @Test func theLeastRecentlyUsedListGoesFirst() {
        let lists = RepresentativeLists(maximumLists: 2, maximumIDs: 100)
        lists.store(["a"], for: "one")
        lists.store(["b"], for: "two")
        #expect(lists.ids(for: "one") == ["a"])
        lists.store(["c"], for: "three")
        #expect(lists.ids(for: "two") == nil, "the list not read since was kept")
        #expect(lists.ids(for: "one") == ["a"])
        #expect(lists.ids(for: "three") == ["c"])
    }

    @Test func theIDsHeldStayWithinTheBound() {
        let lists = RepresentativeLists(maximumLists: 10, maximumIDs: 5)
        lists.store(["a", "b", "c"], for: "one")
        lists.store(["d", "e", "f"], for: "two")
        #expect(lists.ids(for: "one") == nil)
        #expect(lists.ids(for: "two") == ["d", "e", "f"])
        lists.store(Array(repeating: "x", count: 6), for: "too-long")
        #expect(lists.ids(for: "too-long") == nil)
        #expect(lists.count == 1)
    }

    @Test func filtersHiddenSourcesAndVersionMakeTheKey() {
        var parameters = ListParameters()
        let plain = RepresentativeLists.key(version: 1, hiddenSources: ["soliguide"], parameters: parameters)
        #expect(plain != RepresentativeLists.key(version: 2, hiddenSources: ["soliguide"], parameters: parameters))
        #expect(plain != RepresentativeLists.key(version: 1, hiddenSources: [], parameters: parameters))
        parameters.codeDepartement = "59"
        #expect(plain != RepresentativeLists.key(version: 1, hiddenSources: ["soliguide"], parameters: parameters))
        parameters.codeDepartement = nil
        parameters.page = 3
        #expect(plain == RepresentativeLists.key(version: 1, hiddenSources: ["soliguide"], parameters: parameters), "a page is a slice of the same list")
    }
}

import Testing
@testable import WarehouseAPI

/// The search documents' cache: what it holds is what was stored for that
/// version, and its memory stays within the capacity.
@Suite struct DocumentCacheTests {
    @Test func aDocumentIsFoundOnlyForItsOwnVersion() {
        let cache = DocumentCache(capacityBytes: 10_000)
        cache.store(["a": "{\"v\":1}"], version: 1)
        let same = cache.lookup(["a", "b"], version: 1)
        #expect(same.found == ["{\"v\":1}", nil])
        #expect(same.missing == ["b"])
        let next = cache.lookup(["a"], version: 2)
        #expect(next.found == [nil])
        #expect(next.missing == ["a"])
    }

    @Test func heldBytesStayWithinTheCapacityAndRecentDocumentsStay() {
        let capacity = 1_000
        let cache = DocumentCache(capacityBytes: capacity)
        let document = String(repeating: "x", count: 100)
        for number in 0..<50 {
            cache.store(["s\(number)": document], version: 1)
            // the first service is read again and again: it must stay
            #expect(cache.lookup(["s0"], version: 1).found == [document], "s0 was dropped after s\(number)")
            #expect(cache.heldBytes <= capacity)
        }
        #expect(cache.lookup(["s1"], version: 1).missing == ["s1"], "an old document never read again was kept")
    }

    @Test func aZeroCapacityKeepsNothing() {
        let cache = DocumentCache(capacityBytes: 0)
        cache.store(["a": "{}"], version: 1)
        #expect(cache.lookup(["a"], version: 1).missing == ["a"])
        #expect(cache.heldBytes == 0)
    }
}

import Foundation
import Testing
@testable import WarehouseAPI
import WarehouseDatabase

/// `warehouse serve` loads the published version's search documents when it
/// starts, before any search asks for them, and holds them as the table has them.
@Suite struct DocumentWarmingTests {
    @Test func thePublishedVersionsDocumentsAreInMemoryWithoutASearch() async throws {
        try await APITestHarness.with { api in
            let published = try await api.database.rows("""
                select version, schema_name from ops.published_versions
                where published_at is not null and retired_at is null order by version desc limit 1
                """)
            let (version, schema) = try #require(published.first).decode((Int64, String).self)
            let sample = try await api.database.rows("select id::text, document from \(schema).service_documents order by id limit 3")
            let expected = try sample.map { try $0.decode((String, String).self) }
            #expect(expected.count == 3)
            let cache = api.server.reader.documentCache
            var found: [String?] = []
            for _ in 0..<100 {
                found = cache.lookup(expected.map(\.0), version: version).found
                if found.allSatisfy({ $0 != nil }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(found.filter { $0 != nil }.count == 3, "the documents were not loaded within 10 s of the start")
            let sameAsTheTable = found == expected.map(\.1)
            #expect(sameAsTheTable, "the documents held differ from the table's")
        }
    }
}

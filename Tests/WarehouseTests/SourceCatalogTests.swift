import CSV
import Foundation
import Testing
import WarehouseCore
import WarehouseTestSupport

@Suite struct SourceCatalogTests {
    @Test func theSourcesSeedMatchesTheCatalog() throws {
        let file = TestDatabase.layout.modelsDirectory.appendingPathComponent("seeds/ref_sources.csv")
        let reader = try CSVReader(string: try String(contentsOf: file, encoding: .utf8), hasHeaderRow: true)
        var seed: [String: Bool] = [:]
        while let row = reader.next() { seed[row[0]] = row[2] == "true" }
        let catalog = Dictionary(uniqueKeysWithValues: SourceCatalog.all.map { ($0.slug, $0.isOpenData) })
        #expect(seed == catalog)
        #expect(catalog.count == 15)
    }

    @Test func everyStreamHasItsOwnRawTable() {
        let tables = SourceCatalog.all.flatMap { source in source.streams.map { source.rawTableName($0) } }
        #expect(Set(tables).count == tables.count)
    }
}

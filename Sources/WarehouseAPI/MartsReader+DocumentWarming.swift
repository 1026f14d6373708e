import Foundation
import Logging
import PostgresNIO
import WarehouseCore

extension MartsReader {
    /// Fills the document cache with a version's search documents in the
    /// background, the first time the version is seen (at start, and after
    /// each publish): otherwise the first searches all read the same
    /// documents from the table at once, and under load their latency ran to
    /// seconds. Remote services come first (every search carries those of
    /// its thematiques), then the others by id, until nine tenths of the
    /// cache's recent generation is used (what it already held stays).
    func warmDocuments(of version: Version) async {
        let started = ContinuousClock.now
        let budget = documentCache.capacityBytes / 2 / 10 * 9
        var held = 0
        var count = 0
        func keep(_ rows: [PostgresRow]) throws -> String? {
            var batch: [String: String] = [:]
            var last: String?
            for row in rows {
                let (id, document) = try row.decode((String, String).self)
                last = id
                guard held < budget else { break }
                batch[id] = document
                held += document.utf8.count
            }
            documentCache.store(batch, version: version.number)
            count += batch.count
            return last
        }
        do {
            _ = try keep(try await database.query(PostgresQuery(unsafeSQL: """
                select documents.id::text, documents.document
                from \(version.schema).\(SearchTables.documents) as documents
                inner join \(version.schema).\(SearchTables.points) as points
                    on points.id = documents.id and points.thematique = '\(SearchTables.everyServiceKey)' and points.is_remote
                """)))
            var after = ""
            while held < budget {
                var binds = PostgresBindings()
                binds.append(after)
                let rows = try await database.query(PostgresQuery(unsafeSQL: """
                    select id::text, document from \(version.schema).\(SearchTables.documents)
                    where id > $1 order by id limit 2000
                    """, binds: binds))
                guard let last = try keep(rows) else { break }
                after = last
            }
            let elapsed = ContinuousClock.now - started
            logger.notice("search documents of data version \(version.number) in memory", metadata: [
                "documents": "\(count)", "megabytes": "\(held / 1_048_576)", "seconds": "\(elapsed.components.seconds)",
            ])
        } catch {
            logger.warning("search documents of data version \(version.number) not loaded in advance; searches read them as they come",
                                    metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}

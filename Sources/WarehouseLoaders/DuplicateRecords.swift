import Foundation

/// One record per native id in a stream: the first good record with an id
/// (in file order) is kept, and a later good record with the same id and
/// other content is rejected, naming the id and the record kept. The first
/// is kept because that is what the staging models of sources that can
/// repeat a record already keep (cd35, ma-boussole-aidants, reseau-alpha,
/// finess), so the raw layer and staging agree, and the choice depends on
/// the file alone. An exact copy (the same JSON value) is no conflict: it
/// stays, and staging removes it (the DORA API is known to send exact
/// copies, docs/sources/dora.md).
enum DuplicateRecords {
    static func rejectConflicting(_ records: inout [RawRecord]) {
        var firstWithID: [RecordIdentity: Int] = [:]
        for index in records.indices where records[index].rejectReason == nil {
            guard let identity = records[index].identity else { continue }
            guard let keptIndex = firstWithID[identity] else {
                firstWithID[identity] = index
                continue
            }
            let kept = records[keptIndex]
            guard !sameValue(kept.payload, records[index].payload) else { continue }
            let record = records[index]
            let among = identity.kind.map { " among '\($0)' lines" } ?? ""
            records[index] = record.rejected(because: """
                record \(record.recordNumber) of \(record.fileName): duplicate '\(identity.field)' \(quoted(identity.value))\(among), \
                with other content: record \(kept.recordNumber) of \(kept.fileName) has the same id and is kept (the first occurrence is kept)
                """)
        }
    }

    /// Equal as JSON values: key order and white space do not matter.
    private static func sameValue(_ first: Data, _ second: Data) -> Bool {
        first == second || canonical(first).map { $0 == canonical(second) } == true
    }

    private static func canonical(_ payload: Data) -> Data? {
        guard let value = try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed]) else { return nil }
        return try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
    }

    private static func quoted(_ value: String) -> String {
        value.count > 80 ? "'\(value.prefix(80))…'" : "'\(value)'"
    }
}

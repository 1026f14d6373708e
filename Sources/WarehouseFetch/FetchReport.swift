import Foundation
import WarehouseCore

/// What one source's fetch did.
public struct SourceFetchReport: Sendable {
    public enum Status: String, Sendable { case ok, failed, noDrop = "no drop" }

    public let source: String
    public let mode: String
    public let status: Status
    public let reason: String?
    public let pages: Int
    public let records: Int
    public let bytes: Int
    public let retries: Int
    public let seconds: Double
    public let files: Int

    var detail: String {
        "\(pages) \(pages == 1 ? "page" : "pages"), \(records) records, \(FetchReport.size(bytes))\(retries > 0 ? ", \(retries) retries" : "")"
    }
}

/// A fetch run: its folder and each source's outcome.
public struct FetchReport: Sendable {
    public let fetchID: String
    public let folder: URL
    public let sources: [SourceFetchReport]
    /// Sources of a resumed fetch that had succeeded before and were not fetched again.
    public let alreadyFetched: [String]

    public var failed: [SourceFetchReport] { sources.filter { $0.status == .failed } }

    /// The table printed at the end of `warehouse fetch`.
    public func render() -> String {
        let rows = sources.map { source in
            [source.source, source.mode, source.status.rawValue, String(source.pages), String(source.records),
             FetchReport.size(source.bytes), String(format: "%.2f s", source.seconds), String(source.retries)]
        }
        var lines = ["fetch \(fetchID) → \(folder.path)",
                     TextTable.render(header: ["source", "mode", "status", "pages", "records", "bytes", "duration", "retries"], rows: rows)]
        if !alreadyFetched.isEmpty { lines.append("already fetched in \(fetchID), not fetched again: \(alreadyFetched.joined(separator: ", "))") }
        for source in sources where source.reason != nil {
            lines.append("\(source.source): \(source.reason ?? "")")
        }
        let ok = sources.filter { $0.status == .ok }.count
        lines.append("\(ok) of \(sources.count) sources fetched; \(failed.count) failed"
                     + (failed.isEmpty ? "" : " (warehouse fetch --resume \(fetchID) fetches them again)"))
        return lines.joined(separator: "\n")
    }

    static func size(_ bytes: Int) -> String {
        bytes < 10_000 ? "\(bytes) B" : bytes < 10_000_000 ? "\(bytes / 1000) kB" : "\(bytes / 1_000_000) MB"
    }
}

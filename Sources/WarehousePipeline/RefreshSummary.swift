import Foundation
import WarehouseLoaders
import WarehouseModels

/// The text printed at the end of `warehouse refresh`.
public enum RefreshSummary {
    public static func render(_ report: Refresh.Report) -> String {
        var lines = ["", "Refresh run \(report.runID): \(report.status) in \(String(format: "%.1f", report.seconds)) s", ""]
        lines.append(pad("source", 24) + pad("status", 11) + pad("loaded", 9) + "rejected")
        for source in report.sources {
            lines.append(pad(source.source, 24) + pad(source.status.rawValue, 11) + pad(String(source.rowsLoaded), 9)
                         + String(source.rowsRejected) + (source.error.map { "  \($0)" } ?? ""))
        }
        lines.append("")
        let byLayer = Dictionary(grouping: report.models, by: \.layer)
        let others = byLayer.keys.filter { !["staging", "intermediate", "marts"].contains($0) }.sorted()
        for layer in ["staging", "intermediate", "marts"] + others {
            guard let models = byLayer[layer] else { continue }
            let rows = models.compactMap(\.rows).reduce(0, +)
            let built = models.filter { $0.status == .succeeded }.count
            lines.append("\(pad(layer, 14)) \(built)/\(models.count) models built, \(rows) rows")
        }
        if !report.tests.isEmpty {
            let count = { (status: TestOutcome.Status) in report.tests.filter { $0.status == status }.count }
            lines.append("tests          \(count(.passed)) passed, \(count(.failed)) failed, \(count(.warned)) warned, \(count(.errored)) errored")
        }
        if let version = report.publishedVersion {
            lines.append("")
            lines.append("Published version \(version):")
            for (table, rows) in report.publishedCounts.sorted(by: { $0.key < $1.key }) {
                lines.append("  marts.\(pad(table, 30)) \(rows) rows")
            }
        }
        for entry in report.quarantined {
            let carried = entry.carriedFromVersion.map { "its rows of version \($0) were carried" } ?? "it was left out (nothing published before)"
            lines += ["", "Quarantined \(entry.source): error tests failed on its rows only (\(entry.failingTests.joined(separator: ", "))); "
                      + "\(carried). Failing rows: ops.test_failures where run_id = \(report.runID)."]
        }
        if let failure = report.failure { lines += ["", "Not published: \(failure)"] }
        if !report.failedSources.isEmpty {
            lines += ["", "Failed sources (previous data kept): \(report.failedSources.joined(separator: ", "))"]
        }
        if !report.heldSources.isEmpty {
            let flags = report.heldSources.map { "--accept-shrink \($0)" }.joined(separator: " ")
            lines += ["", "Held-back sources (previous data kept; `warehouse refresh \(flags)` takes the new load): "
                      + report.heldSources.joined(separator: ", ")]
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}

import Foundation
import WarehouseCore

/// `warehouse report`'s two formats: text for a terminal (every line at most
/// `width` characters) and JSON for other tools.
public enum ReportRendering {
    public static let width = 100

    public static func text(_ report: WarehouseReport, width: Int = width) -> String {
        var lines = ["Warehouse report since \(report.since) (generated \(report.generatedAt); published version "
            + (report.publishedVersion.map(String.init) ?? "none") + ")"]
        if report.section("Coverage") == nil { lines.append("Nothing published yet: no coverage or quality.") }
        for section in report.sections {
            lines += ["", section.title.uppercased(), String(repeating: "═", count: section.title.count)]
            if !section.figures.isEmpty {
                lines += wrapped(section.figures.map { "\($0.name.replacingOccurrences(of: "_", with: " ")) \($0.value.display)" },
                                 width: width)
            }
            for table in section.tables {
                lines += ["", table.title]
                if table.rows.isEmpty {
                    lines.append("  (none)")
                } else {
                    lines.append(fitted(header: table.columns, rows: table.rows.map { $0.map(\.display) }, width: width))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ report: WarehouseReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    /// The table with its cells cut shorter and shorter until it fits.
    static func fitted(header: [String], rows: [[String]], width: Int) -> String {
        var cellWidth = 48
        var rendered = TextTable.render(header: header, rows: rows, maximumWidth: cellWidth)
        while cellWidth > 6, rendered.split(separator: "\n").contains(where: { $0.count > width }) {
            cellWidth -= 2
            rendered = TextTable.render(header: header, rows: rows, maximumWidth: cellWidth)
        }
        return rendered
    }

    /// Figures joined with " · ", wrapped at `width`.
    static func wrapped(_ parts: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for part in parts {
            let candidate = line.isEmpty ? part : line + " · " + part
            if candidate.count > width, !line.isEmpty {
                lines.append(line)
                line = part
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}

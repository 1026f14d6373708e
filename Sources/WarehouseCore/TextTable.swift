/// A plain-text table for terminal reports: columns as wide as their widest
/// cell (cells longer than `maximumWidth` are cut with an ellipsis).
public enum TextTable {
    public static func render(header: [String], rows: [[String]], maximumWidth: Int = 48) -> String {
        let cut = { (cell: String) in cell.count > maximumWidth ? String(cell.prefix(maximumWidth - 1)) + "…" : cell }
        let table = ([header] + rows).map { $0.map(cut) }
        let widths = header.indices.map { column in table.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        let lines = table.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([lines[0], rule] + lines.dropFirst()).joined(separator: "\n")
    }
}

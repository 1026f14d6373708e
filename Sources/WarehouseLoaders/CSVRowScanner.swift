/// One row of a CSV file: its cells' bytes (quotes removed, doubled quotes
/// undone) and where it is, so that a bad row can be rejected alone, named
/// by its line and byte.
struct CSVRow {
    struct Cell {
        /// Offset in the file of the cell's first byte.
        let start: Int
        let bytes: [UInt8]
    }

    /// Line of the file where the row starts (1-based).
    let line: Int
    let byteRange: Range<Int>
    let cells: [Cell]
    /// A closing quote followed by more text: the row can be delimited but
    /// its cell is not what the writer meant.
    let strayTextAfterQuote: (offset: Int, cell: Int)?

    var isBlank: Bool { cells.count == 1 && cells[0].bytes.isEmpty && byteRange.count <= 2 }
}

/// The row scan stops: a quoted cell is never closed.
struct CSVFault: Error {
    let offset: Int
    let problem: String
}

/// Splits CSV bytes into rows (RFC 4180: cells quoted with `"`, doubled
/// quotes inside, CRLF or LF line ends, line breaks allowed in quoted cells).
/// It works on bytes, so that invalid UTF-8 spoils only its row.
struct CSVRowScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let delimiter: UInt8
    private(set) var position: Int
    private var line = 1

    init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8, start: Int) {
        self.bytes = bytes
        self.delimiter = delimiter
        self.position = start
    }

    mutating func nextRow() throws(CSVFault) -> CSVRow? {
        guard position < bytes.count else { return nil }
        let rowStart = position
        let rowLine = line
        var cells: [CSVRow.Cell] = []
        var stray: (offset: Int, cell: Int)?
        while true {
            let cellStart = position
            var cell: [UInt8] = []
            if position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                try readQuoted(into: &cell, openedAt: cellStart, line: line)
                while position < bytes.count, !isCellEnd(position) {
                    if stray == nil { stray = (position, cells.count) }
                    cell.append(bytes[position])
                    position += 1
                }
            } else {
                while position < bytes.count, !isCellEnd(position) {
                    cell.append(bytes[position])
                    position += 1
                }
            }
            cells.append(CSVRow.Cell(start: cellStart, bytes: cell))
            guard position < bytes.count else { break }
            if bytes[position] == delimiter {
                position += 1
                if position == bytes.count { cells.append(CSVRow.Cell(start: position, bytes: [])) }
                continue
            }
            // A line end: CRLF or LF.
            if bytes[position] == UInt8(ascii: "\r") { position += 1 }
            position += 1
            line += 1
            break
        }
        return CSVRow(line: rowLine, byteRange: rowStart..<position, cells: cells, strayTextAfterQuote: stray)
    }

    private func isCellEnd(_ index: Int) -> Bool {
        switch bytes[index] {
        case delimiter, UInt8(ascii: "\n"): return true
        case UInt8(ascii: "\r"): return index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
        default: return false
        }
    }

    private mutating func readQuoted(into cell: inout [UInt8], openedAt start: Int, line openingLine: Int) throws(CSVFault) {
        position += 1
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                    cell.append(byte)
                    position += 2
                    continue
                }
                position += 1
                return
            }
            if byte == UInt8(ascii: "\n") { line += 1 }
            cell.append(byte)
            position += 1
        }
        throw CSVFault(offset: bytes.count, problem:
            "the file ends inside the quoted cell opened at byte \(start) (line \(openingLine)): a closing quote is missing, or the file is cut short")
    }
}

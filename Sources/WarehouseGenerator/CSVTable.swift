import Foundation

/// A comma-separated file with a header line, RFC 4180 quoting ("" inside a
/// quoted cell, separators and line breaks allowed in quotes), read whole:
/// the referentials are a few megabytes.
struct CSVTable {
    let header: [String]
    let rows: [[String]]

    init(contentsOf file: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: file) } catch {
            throw GeneratorError.unreadableReferential(file: file.path, reason: error.localizedDescription)
        }
        var lines = CSVTable.parse([UInt8](data))
        guard !lines.isEmpty else {
            throw GeneratorError.unreadableReferential(file: file.path, reason: "empty file")
        }
        header = lines.removeFirst()
        rows = lines
    }

    /// The position of each named column; a missing one is an error naming it.
    func columns(_ names: [String], in file: URL) throws -> [String: Int] {
        var positions: [String: Int] = [:]
        for name in names {
            guard let position = header.firstIndex(of: name) else {
                throw GeneratorError.unreadableReferential(
                    file: file.path, reason: "no column \(name) (found \(header.joined(separator: ",")))")
            }
            positions[name] = position
        }
        return positions
    }

    private static func parse(_ bytes: [UInt8]) -> [[String]] {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"),
            carriageReturn = UInt8(ascii: "\r")
        var lines: [[String]] = []
        var cells: [String] = []
        var cell: [UInt8] = []
        var inQuotes = false
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        func endCell() {
            cells.append(String(decoding: cell, as: UTF8.self))
            cell.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        cell.append(quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.append(byte)
                }
            } else if byte == quote {
                inQuotes = true
            } else if byte == comma {
                endCell()
            } else if byte == newline || byte == carriageReturn {
                if byte == carriageReturn, index + 1 < bytes.count, bytes[index + 1] == newline { index += 1 }
                endCell()
                lines.append(cells)
                cells.removeAll(keepingCapacity: true)
            } else {
                cell.append(byte)
            }
            index += 1
        }
        if !cell.isEmpty || !cells.isEmpty {
            endCell()
            lines.append(cells)
        }
        return lines
    }
}

import Foundation
import WarehouseCore

/// The schema a file is checked against.
public enum SchemaVersion: String, Sendable, CaseIterable, Codable {
    case v1, v0
}

/// One file handed to the validator: its name (for messages and for
/// guessing), its bytes, and what it describes when the producer said so.
public struct ValidationInput: Sendable {
    public let name: String
    public let data: Data
    public let entity: ValidationIssue.Entity?

    public init(name: String, data: Data, entity: ValidationIssue.Entity? = nil) {
        self.name = name
        self.data = data
        self.entity = entity
    }
}

/// Checks producers' files, one or a structures file with a services file,
/// with the rules of the marts' validation; reads and writes no database.
public struct FileValidator: Sendable {
    public let schema: SchemaVersion
    public let limits: ValidationLimits
    let v1Rules: V1RecordRules
    let v0Rules: V0SchemaRules?

    public init(layout: ProjectLayout, schema: SchemaVersion = .v1, limits: ValidationLimits = .commandLine, today: String? = nil) throws {
        self.schema = schema
        self.limits = limits
        v1Rules = V1RecordRules(vocabularies: try SchemaVocabularies.load(layout), today: today ?? FieldFormats.today())
        v0Rules = schema == .v0 ? try V0SchemaRules.load(layout) : nil
    }

    /// Reads the file at `path` (refusing it, unread, when over the size limit) and validates it.
    public func validate(paths: [String], entity: ValidationIssue.Entity? = nil) -> ValidationReport {
        var inputs: [ValidationInput] = []
        var problems: [FileProblem] = []
        for path in paths {
            let name = URL(fileURLWithPath: path).lastPathComponent
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            if let size, size > limits.maxBytes {
                problems.append(Self.tooLarge(name, size: size, limits: limits))
            } else if let data = FileManager.default.contents(atPath: path) {
                inputs.append(ValidationInput(name: name, data: data, entity: paths.count == 1 ? entity : nil))
            } else {
                problems.append(FileProblem(file: name, rule: "unreadable", message: "le fichier \(path) n'existe pas ou ne peut pas être lu"))
            }
        }
        let report = validate(inputs)
        return ValidationReport(schema: report.schema, files: report.files, errors: report.errors,
                                problems: problems + report.problems, notes: report.notes)
    }

    public func validate(_ inputs: [ValidationInput]) -> ValidationReport {
        var problems: [FileProblem] = []
        var tables: [(input: ValidationInput, table: InputTable, rows: [RowProblem], summary: (String, String?, String?))] = []
        for input in inputs {
            do {
                tables.append(try read(input))
            } catch let problem as FileProblem {
                problems.append(problem)
            } catch {
                problems.append(FileProblem(file: input.name, rule: "unreadable", message: "le fichier ne peut pas être lu (\(error))"))
            }
        }
        // what each file describes: said, guessed, or the other one of a pair
        var entities = tables.map { $0.input.entity ?? EntityGuess.guess(columns: $0.table.columns, fileName: $0.input.name) }
        if entities.count == 2 {
            if entities[0] == nil, let other = entities[1] { entities[0] = other == .structures ? .services : .structures }
            if entities[1] == nil, let other = entities[0] { entities[1] = other == .structures ? .services : .structures }
            if let first = entities[0], first == entities[1] {
                problems.append(FileProblem(file: tables[1].input.name, rule: "entity_unknown",
                                            message: "les deux fichiers semblent décrire des \(first.rawValue) : donnez un fichier de structures et un fichier de services"))
                entities[1] = nil
            }
        }
        var summaries: [ValidationReport.FileSummary] = []
        var issues: [ValidationIssue] = []
        var structureIDs: Set<String>?
        var checked: [(ValidationIssue.Entity, Int)] = []
        for (index, item) in tables.enumerated() {
            guard let entity = entities[index] else {
                if !problems.contains(where: { $0.file == item.input.name }) {
                    problems.append(FileProblem(file: item.input.name, rule: "entity_unknown", message: EntityGuess.unknownMessage))
                }
                continue
            }
            var fileIssues = checkRecords(item.table, entity: entity, file: item.input.name)
            fileIssues += item.rows.map {
                ValidationIssue(file: item.input.name, entity: entity, row: $0.row, id: nil, field: "", value: nil, rule: "row", message: $0.message)
            }
            if entity == .structures { structureIDs = Set(item.table.records.compactMap { Self.id(of: $0) }) }
            issues += fileIssues
            checked.append((entity, index))
            let known = Set(schema == .v0 ? v0Rules?.schemas[entity]?.properties.keys.map { $0 } ?? [] : (entity == .structures ? V1Fields.structure : V1Fields.service))
            summaries.append(.init(file: item.input.name, entity: entity, format: item.summary.0, encoding: item.summary.1, delimiter: item.summary.2,
                                   rows: item.table.records.count + item.rows.count, invalidRows: Set(fileIssues.compactMap(\.row)).count,
                                   errors: fileIssues.count, ignoredColumns: item.table.columns.filter { !known.contains($0) }))
        }
        var notes: [String] = []
        if let servicesIndex = checked.first(where: { $0.0 == .services })?.1 {
            let item = tables[servicesIndex]
            if let structureIDs {
                let orphans = foreignKeyIssues(item.table, known: structureIDs, file: item.input.name)
                issues += orphans
                if let position = summaries.firstIndex(where: { $0.file == item.input.name && $0.entity == .services }), !orphans.isEmpty {
                    let summary = summaries[position]
                    let rows = Set(issues.filter { $0.file == summary.file }.compactMap(\.row)).count
                    summaries[position] = .init(file: summary.file, entity: .services, format: summary.format, encoding: summary.encoding,
                                                delimiter: summary.delimiter, rows: summary.rows, invalidRows: rows,
                                                errors: summary.errors + orphans.count, ignoredColumns: summary.ignoredColumns)
                }
            } else {
                notes.append("Les structure_id des services n'ont pas été vérifiés : donnez aussi le fichier des structures pour contrôler qu'elles existent.")
            }
        }
        issues.sort { ($0.file, $0.row ?? 0) < ($1.file, $1.row ?? 0) }
        return ValidationReport(schema: schema.rawValue, files: summaries, errors: issues, problems: problems, notes: notes)
    }

    private func read(_ input: ValidationInput) throws -> (input: ValidationInput, table: InputTable, rows: [RowProblem], summary: (String, String?, String?)) {
        if input.data.count > limits.maxBytes { throw Self.tooLarge(input.name, size: input.data.count, limits: limits) }
        if !input.data.contains(where: { ![0x20, 0x0A, 0x0D, 0x09, 0xEF, 0xBB, 0xBF].contains($0) }) {
            throw FileProblem(file: input.name, rule: "unreadable", message: "le fichier est vide")
        }
        switch FileFormat.detect(name: input.name, data: input.data) {
        case .xlsx:
            let (table, rows) = try XLSXTableReader.read(input.data, file: input.name, limits: limits)
            return (input, table, rows, ("xlsx", nil, nil))
        case .json:
            let (table, rows) = try JSONRecordReader.read(input.data, file: input.name, limits: limits)
            return (input, table, rows, (input.data.first { $0 > 0x20 && $0 != 0xEF } == UInt8(ascii: "[") ? "json" : "jsonl", "UTF-8", nil))
        case .csv:
            let (table, rows, decoded, delimiter) = try CSVTableReader.read(input.data, file: input.name, limits: limits)
            return (input, table, rows, ("csv", decoded.encoding, String(delimiter)))
        }
    }

    private func checkRecords(_ table: InputTable, entity: ValidationIssue.Entity, file: String) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        var rowsByID: [String: [InputRecord]] = [:]
        for record in table.records {
            let findings = schema == .v0
                ? v0Rules?.check(record, entity: entity, isTabular: table.isTabular) ?? []
                : v1Rules.check(record, entity: entity, isTabular: table.isTabular)
            issues += findings.map { issue($0, record: record, entity: entity, file: file) }
            if let id = Self.id(of: record) { rowsByID[id, default: []].append(record) }
        }
        // every copy of a repeated id, as the marts report them
        for (id, records) in rowsByID where records.count > 1 {
            for record in records {
                issues.append(issue(Finding(field: "id", rule: "unique", value: id), record: record, entity: entity, file: file))
            }
        }
        return issues
    }

    private func foreignKeyIssues(_ table: InputTable, known: Set<String>, file: String) -> [ValidationIssue] {
        table.records.compactMap { record in
            guard case .text(let raw) = record["structure_id"], let target = FieldReader.cleaned(raw), !known.contains(target) else { return nil }
            return issue(Finding(field: "structure_id", rule: "foreign_key", value: target), record: record, entity: .services, file: file)
        }
    }

    private func issue(_ finding: Finding, record: InputRecord, entity: ValidationIssue.Entity, file: String) -> ValidationIssue {
        ValidationIssue(file: file, entity: entity, row: record.row, id: Self.id(of: record), field: finding.field, value: finding.value,
                        rule: finding.rule, message: IssueMessages.message(for: finding, entity: entity))
    }

    static func id(of record: InputRecord) -> String? {
        switch record["id"] {
        case .text(let text): return FieldReader.cleaned(text)
        case .number(_, let literal): return literal
        default: return nil
        }
    }

    static func tooLarge(_ name: String, size: Int, limits: ValidationLimits) -> FileProblem {
        FileProblem(file: name, rule: "too_large",
                    message: "le fichier fait \(ValidationLimits.megabytes(size)), plus que les \(ValidationLimits.megabytes(limits.maxBytes)) que le valideur accepte ; découpez-le en plusieurs fichiers")
    }
}

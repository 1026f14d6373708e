import Foundation

/// What the validator found in the files given together: each file's
/// summary, every broken rule, and the files it could not read at all.
public struct ValidationReport: Sendable, Codable {
    public struct FileSummary: Sendable, Codable {
        public let file: String
        public let entity: ValidationIssue.Entity?
        /// csv, xlsx, json, jsonl
        public let format: String
        public let encoding: String?
        public let delimiter: String?
        public let rows: Int
        public let invalidRows: Int
        public let errors: Int
        /// Columns that are not fields of the schema: ignored, as upstream ignores them.
        public let ignoredColumns: [String]

        enum CodingKeys: String, CodingKey {
            case file, entity, format, encoding, delimiter, rows, errors
            case invalidRows = "invalid_rows", ignoredColumns = "ignored_columns"
        }
    }

    public let schema: String
    public let files: [FileSummary]
    public let errors: [ValidationIssue]
    public let problems: [FileProblem]
    /// What was not checked and why (a foreign key without the structures file).
    public let notes: [String]

    public var isValid: Bool { errors.isEmpty && problems.isEmpty }

    /// How many errors of each rule.
    public var countsByRule: [String: Int] { errors.reduce(into: [:]) { $0[$1.rule, default: 0] += 1 } }

    enum CodingKeys: String, CodingKey { case valid, schema, files, errors, problems, notes, summary }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(isValid, forKey: .valid)
        try container.encode(schema, forKey: .schema)
        try container.encode(files, forKey: .files)
        try container.encode(errors, forKey: .errors)
        try container.encode(problems, forKey: .problems)
        try container.encode(notes, forKey: .notes)
        try container.encode(Summary(report: self), forKey: .summary)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decode(String.self, forKey: .schema)
        files = try container.decode([FileSummary].self, forKey: .files)
        errors = try container.decode([ValidationIssue].self, forKey: .errors)
        problems = try container.decode([FileProblem].self, forKey: .problems)
        notes = try container.decode([String].self, forKey: .notes)
    }

    init(schema: String, files: [FileSummary], errors: [ValidationIssue], problems: [FileProblem], notes: [String]) {
        self.schema = schema
        self.files = files
        self.errors = errors
        self.problems = problems
        self.notes = notes
    }

    /// The counts a producer reads first, and the sentence that says it all.
    public struct Summary: Sendable, Codable {
        public let rows: Int
        public let invalidRows: Int
        public let errors: Int
        public let byRule: [String: Int]
        public let message: String

        enum CodingKeys: String, CodingKey {
            case rows, errors, message
            case invalidRows = "invalid_rows", byRule = "by_rule"
        }

        init(report: ValidationReport) {
            rows = report.files.reduce(0) { $0 + $1.rows }
            invalidRows = report.files.reduce(0) { $0 + $1.invalidRows }
            errors = report.errors.count
            byRule = report.countsByRule
            message = Self.sentence(rows: rows, invalidRows: invalidRows, errors: errors, problems: report.problems.count)
        }

        static func sentence(rows: Int, invalidRows: Int, errors: Int, problems: Int) -> String {
            if problems > 0 {
                return "\(problems) fichier\(problems > 1 ? "s n'ont" : " n'a") pas pu être vérifié\(problems > 1 ? "s" : "") : corrigez-le\(problems > 1 ? "s" : "") puis validez à nouveau."
            }
            if errors == 0 { return "Aucune erreur : \(rows > 1 ? "les \(rows) lignes sont conformes" : "la ligne est conforme") au schéma data·inclusion." }
            let valid = rows - invalidRows
            return "\(errors) erreur\(errors > 1 ? "s" : "") sur \(invalidRows) ligne\(invalidRows > 1 ? "s" : "") (sur \(rows)) : "
                + (valid == 0 ? "aucune ligne n'est conforme." : "\(valid) ligne\(valid > 1 ? "s sont conformes" : " est conforme").")
        }
    }

    public var summary: Summary { Summary(report: self) }
}

import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseValidation

extension ValidationIssue.Entity: ExpressibleByArgument {}
extension SchemaVersion: ExpressibleByArgument {}

struct ValidateCommand: ParsableCommand {
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a producer's file against the data·inclusion schema before publishing it.",
        discussion: """
            Every row is checked with the rules the marts' validation applies (required fields, \
            vocabularies, patterns, SIRET key, dates, duplicate ids, and with a structures file and a \
            services file given together, each service's structure_id). Each error names the row, the \
            field, the value, the rule and says in French what to fix. Nothing is written to the warehouse \
            and no database is needed.

            Files: CSV (',' or ';', UTF-8 or Latin-1; lists written "a,b"), XLSX (the first sheet, its \
            first row naming the fields), JSON (an array of records, or one record per line). \
            The entity is guessed from the columns (structure_id means services) or the file name.

            Examples:
              warehouse validate structures.csv
              warehouse validate structures.xlsx services.xlsx --format json
              warehouse validate export.json --entity services --schema v0

            Exit code: 0 when every file is valid, 1 when rows break rules, 2 when a file cannot be read \
            (format, size or row limit, entity unknown). docs/validator.md lists the rules and messages.
            """
    )

    @Argument(help: ArgumentHelp("One file, or a structures file and a services file.", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: "structures or services (guessed from the columns or the file name when omitted; one file only).")
    var entity: ValidationIssue.Entity?

    @Option(name: .long, help: "v1 (the current schema) or v0 (the withdrawn one, its JSON Schemas).")
    var schema: SchemaVersion = .v1

    @Option(name: .long, help: "text (a table per file) or json (the API's answer).")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Refuse files larger than this many megabytes.", valueName: "MB"))
    var maxSizeMb: Int = ValidationLimits.commandLine.maxBytes / 1_048_576

    @Option(name: .long, help: "Refuse files with more rows than this.")
    var maxRows: Int = ValidationLimits.commandLine.maxRows

    @Option(name: .long, help: ArgumentHelp("The project folder (its seeds give the vocabularies). Default: found from the current folder.", valueName: "dir"))
    var projectDir: String?

    func validate() throws {
        guard (1...2).contains(files.count) else {
            throw ValidationError("Give one file, or a structures file and a services file (\(files.count) given).")
        }
        if entity != nil && files.count == 2 {
            throw ValidationError("--entity applies to a single file; with two files, each one's entity is guessed from its columns or name.")
        }
        guard maxSizeMb > 0, maxRows > 0 else { throw ValidationError("--max-size-mb and --max-rows must be positive.") }
    }

    func run() throws {
        let layout: ProjectLayout
        let validator: FileValidator
        do {
            layout = try ProjectLayout.locate(explicit: projectDir)
            var limits = ValidationLimits.commandLine
            limits.maxBytes = maxSizeMb * 1_048_576
            limits.maxRows = maxRows
            validator = try FileValidator(layout: layout, schema: schema, limits: limits)
        } catch let error as WarehouseError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let report = validator.validate(paths: files, entity: entity)
        print(format == .json ? report.json : report.text, terminator: format == .json ? "\n" : "")
        if !report.problems.isEmpty { throw ExitCode(2) }
        if !report.isValid { throw ExitCode(1) }
    }
}

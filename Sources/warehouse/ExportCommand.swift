import ArgumentParser
import Foundation
import WarehousePipeline

extension Exporter.Entity: ExpressibleByArgument {}
extension Exporter.Format: ExpressibleByArgument {}

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the published structures or services as JSON lines or CSV.",
        discussion: "Only the v1 fields are written, in schema order, unless --with-internal adds the warehouse's own columns (_is_valid, cluster_id, …). In CSV, arrays are joined with ','."
    )

    @Argument(help: "structures or services")
    var entity: Exporter.Entity

    @Option(name: .long, help: "jsonl or csv")
    var format: Exporter.Format = .jsonl

    @Option(name: .long, help: ArgumentHelp("The file to write.", valueName: "file"))
    var out: String

    @Flag(name: .long, help: "Also write the internal columns (underscore fields, cluster_id).")
    var withInternal = false

    @Flag(name: .long, help: "Open data: only valid rows of open sources (not soliguide, agefiph); personal e-mails and phones, and contacts marked non-public, masked.")
    var opendata = false

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let context = try options.context()
            let target = URL(fileURLWithPath: out)
            let count = try await context.withDatabase { database in
                try await Exporter.export(entity, format: format, to: target, withInternal: withInternal,
                                          openData: opendata, database: database)
            }
            print("\(count) \(entity.rawValue) written to \(out)")
        }
    }
}

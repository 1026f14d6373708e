import ArgumentParser
import WarehousePipeline

struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources with their streams and formats, and what the last refresh loaded, rejected and published of each.",
        discussion: "docs/sources/<source>.md says what each loader expects and drops."
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let lines = try await options.context().withDatabase { database in try await SourcesReport.build(database: database) }
            print(SourcesReport.render(lines))
        }
    }
}

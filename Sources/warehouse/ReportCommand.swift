import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseReporting

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Report on the API's consumption, the published data's coverage and quality, deduplication and the pipeline's runs.",
        discussion: """
            The figures come from the views of the reporting schema (docs/reporting.md), which analysts and \
            dashboards read too. Consumption (crawlers apart) and the runs are those since --since (default: 30 \
            days ago); coverage, quality and deduplication describe the published version.

            Examples:
              warehouse report
              warehouse report --since 2026-11-01 --format json --out report.json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, html
    }

    @Option(name: .long, help: ArgumentHelp("The first day counted, YYYY-MM-DD (UTC). Default: 30 days ago.", valueName: "date"))
    var since: String?

    @Option(name: .long, help: "text (tables fitting 100 columns), json (for other tools) or html (not available yet).")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if format == .html {
            throw ValidationError("--format html is not available yet; use --format text or --format json")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let day = since ?? Self.day(Date().addingTimeInterval(-30 * 86_400))
            let report = try await options.context().withDatabase { database in
                try await ReportBuilder(database).build(since: day)
            }
            let output = format == .json ? try ReportRendering.json(report) : ReportRendering.text(report)
            if let out {
                do {
                    try output.write(to: URL(fileURLWithPath: out), atomically: true, encoding: .utf8)
                } catch {
                    throw WarehouseError.unreadableFile(file: out, reason: "cannot write the report: \(error.localizedDescription)")
                }
                if !options.quiet { FileHandle.standardError.write(Data("report written to \(out)\n".utf8)) }
            } else {
                print(output, terminator: "")
            }
        }
    }

    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}

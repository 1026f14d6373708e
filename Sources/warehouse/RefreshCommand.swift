import ArgumentParser
import Foundation
import WarehousePipeline

struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Load every source, build the models, run the tests and publish the marts in one go.",
        discussion: """
            Reads DIR/<source-slug>/<stream>.<ext> (docs/raw-layer.md and docs/sources/ describe each source's files). \
            A source whose files are broken fails alone and keeps its previous data; the others go on. \
            The marts are published in one transaction only when every model builds and no error-severity test fails. \
            Exits non-zero when anything failed, naming it. \
            Without --snapshots, the demo snapshots bundled in data/demo-snapshots are used.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Snapshot folder (or one source's folder).", valueName: "dir"))
    var snapshots: String?

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let context = try options.context()
            let folder = snapshots.map { URL(fileURLWithPath: $0) } ?? context.layout.demoSnapshotsDirectory
            let report = try await Refresh.run(context: context, snapshots: folder, progress: options.progress)
            print(RefreshSummary.render(report))
            if report.failure != nil || !report.failedSources.isEmpty { throw ExitCode.failure }
        }
    }
}

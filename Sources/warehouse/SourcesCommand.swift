import ArgumentParser
import Foundation
import WarehouseFetch
import WarehousePipeline

struct SourcesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "List the sources with their streams and formats, and what the last refresh loaded, rejected and published of each.",
        discussion: """
            docs/sources/<source>.md says what each loader expects and drops. Each source also shows how \
            `warehouse fetch` gets it (config/sources.yml) and its latest good fetch in the archive (docs/fetch.md).
            """
    )

    @OptionGroup var fetchLocation: FetchLocationOptions
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            var lines = try await options.context().withDatabase { database in try await SourcesReport.build(database: database) }
            do {
                let (configuration, archive) = try fetchLocation.load(projectDir: options.projectDir)
                let latest = archive.latestGood()
                for index in lines.indices {
                    let slug = lines[index].source.slug
                    lines[index].fetchMode = configuration.source(slug)?.modeDescription
                    if let fetchID = latest[slug] {
                        let record = archive.record(of: slug, in: fetchID)
                        let records = record?.files.compactMap(\.records).reduce(0, +)
                        lines[index].lastFetch = "\(fetchID)\(records.map { ", \($0) records" } ?? "") (\(archive.folder(of: fetchID).path))"
                    }
                    if let failed = archive.fetchIDs().last.flatMap({ id in archive.run(id)?.sources[slug].map { (id, $0) } }),
                       failed.1.status != "ok" {
                        lines[index].lastFetch = (lines[index].lastFetch ?? "never") + "; \(failed.0): \(failed.1.status)"
                    }
                }
            } catch {
                FileHandle.standardError.write(Data("warning: fetch configuration not read: \(error)\n".utf8))
            }
            print(SourcesReport.render(lines))
        }
    }
}

import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseFetch

/// Where fetches are configured and archived; shared by `fetch` and `refresh --fetch`.
struct FetchLocationOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The fetch configuration. Default: config/sources.yml of the project.", valueName: "file"))
    var sourcesConfig: String?

    @Option(name: .long, help: ArgumentHelp("""
        The archive folder: each fetch writes DIR/<fetch-id>/<source>/<stream>.<ext> and _fetch.json. \
        Default: 'archive' of config/sources.yml, relative to the current folder.
        """, valueName: "dir"))
    var archive: String?

    func load(projectDir: String?) throws -> (FetchConfiguration, FetchArchive) {
        let file: URL
        if let sourcesConfig { file = URL(fileURLWithPath: sourcesConfig) } else {
            file = try ProjectLayout.locate(explicit: projectDir).root.appendingPathComponent("config/sources.yml")
        }
        let configuration = try FetchConfiguration.load(from: file)
        let root = URL(fileURLWithPath: archive ?? configuration.archive)
        return (configuration, FetchArchive(root: root))
    }
}

struct FetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch the sources from their producers into a new folder of the snapshot archive.",
        discussion: """
            Each source of config/sources.yml (or only the SOURCEs named) is fetched with its protocol's client \
            (docs/fetch.md) and archived byte for byte as DIR/<fetch-id>/<source>/<stream>.<ext>, with \
            <source>/_fetch.json giving when, from where, and each file's bytes and sha256. Paginated APIs give \
            the concatenation of their pages' item arrays. Credentials come from the environment variables the \
            configuration names, never from a file.

            Requests time out, and are retried with exponential back-off and jitter (honouring Retry-After on \
            429 and 503). A source whose answers are not what it serves (an HTML page instead of JSON, a body cut \
            short, a page repeating the previous one, an empty or collapsed result compared with its last good \
            fetch) fails alone, naming the reason; its latest good fetch stays the previous one \
            (DIR/latest.json). `--resume` fetches again, into the same folder, only the sources that failed.

            Sources served only to a browser or over SFTP (monenfant, carif-oref) and static exports (mes-aides) \
            are file drops: put their files in DIR/drops/<source>/, laid out as in a snapshot.

            Then `warehouse refresh --snapshots DIR/<fetch-id>` loads it (or `warehouse refresh --fetch` does both). \
            Exits non-zero when a source failed.
            """
    )

    @Argument(help: ArgumentHelp("Sources to fetch (default: every configured source).", valueName: "source"))
    var sources: [String] = []

    @OptionGroup var location: FetchLocationOptions

    @Option(help: ArgumentHelp("Sources fetched at the same time.", valueName: "n"))
    var parallel: Int = 4

    @Flag(help: "Fetch again, into the newest fetch folder (or --fetch-id's), only the sources that did not succeed there.")
    var resume = false

    @Option(help: ArgumentHelp("The fetch --resume continues.", valueName: "fetch-id"))
    var fetchID: String?

    @Option(name: .customLong("accept-shrink"), help: ArgumentHelp("""
        Archive SOURCE even when a stream has far fewer records than its last good fetch (repeatable).
        """, valueName: "source"))
    var acceptShrink: [String] = []

    @Flag(help: """
        Fetch nothing; delete old fetch folders, keeping the newest keep_last, the newest of every older month \
        (retention: in config/sources.yml) and every source's latest good fetch.
        """)
    var prune = false

    @Option(help: ArgumentHelp("With --prune: how many of the newest fetches to keep (overrides the configuration).", valueName: "n"))
    var keepLast: Int?

    @Option(name: .long, help: ArgumentHelp("The project folder (for config/sources.yml).", valueName: "dir"))
    var projectDir: String?

    @Flag(name: .shortAndLong, help: "Print only the final summary, no progress lines.")
    var quiet = false

    func validate() throws {
        if fetchID != nil, !resume { throw ValidationError("--fetch-id goes with --resume") }
        if keepLast != nil, !prune { throw ValidationError("--keep-last goes with --prune") }
        if let keepLast, keepLast < 1 { throw ValidationError("--keep-last must keep at least one fetch") }
    }

    func run() async throws {
        try await reportingFetchErrors {
            let (configuration, archive) = try location.load(projectDir: projectDir)
            if prune {
                var retention = configuration.retention
                if let keepLast { retention.keepLast = keepLast }
                let deleted = try FetchRetention.prune(archive, retention: retention)
                print(deleted.isEmpty ? "nothing to prune in \(archive.root.path)"
                      : "deleted \(deleted.count) fetches from \(archive.root.path): \(deleted.joined(separator: ", "))")
                return
            }
            var resumeID: String?
            if resume {
                resumeID = fetchID ?? archive.fetchIDs().last
                if resumeID == nil { throw ValidationError("--resume: no fetch in \(archive.root.path)") }
            }
            let report = try await FetchRun.run(configuration, request: FetchRun.Request(
                sources: sources, archive: archive, resume: resumeID, acceptShrink: Set(acceptShrink),
                parallelSources: parallel), progress: ProgressReporter(isQuiet: quiet))
            print(report.render())
            if !report.failed.isEmpty { throw ExitCode.failure }
        }
    }
}

/// Configuration and archive errors as one clean line.
func reportingFetchErrors(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as FetchError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    } catch let error as WarehouseError {
        FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
        throw ExitCode.failure
    }
}

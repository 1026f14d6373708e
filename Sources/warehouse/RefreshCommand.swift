import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseFetch
import WarehousePipeline

struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Load every source, build the models, run the tests and publish the marts in one go.",
        discussion: """
            Reads DIR/<source-slug>/<stream>.<ext> (docs/raw-layer.md and docs/sources/ describe each source's files). \
            A source whose files are broken fails alone and keeps its previous data; the others go on. \
            A source whose new load is empty or smaller than --shrink-threshold of its last good load is held back \
            (previous data kept) until an operator passes --accept-shrink SOURCE. \
            The marts are published in one transaction when every model builds and no error-severity test fails; \
            when every failing row of a failing test belongs to one source, that source is quarantined (its \
            previously published rows are carried into the new version, see ops.quarantined_sources) and the \
            others publish. One run at a time: a second refresh waits for the first (--no-wait exits instead). \
            Exits non-zero when anything failed, was held back or quarantined, naming it. \
            Without --snapshots, the demo snapshots bundled in data/demo-snapshots are used. \
            With --fetch, the sources of config/sources.yml are fetched first into a new folder of the archive \
            (as `warehouse fetch` does, docs/fetch.md) and that folder is refreshed; a source whose fetch failed \
            is not in it and keeps its previous data.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Snapshot folder (or one source's folder).", valueName: "dir"))
    var snapshots: String?

    @Option(help: ArgumentHelp("""
        Geocode addresses with a remote geocoder before building the models (optional: \
        without it, coordinates come from the sources or the commune's point). \
        Only 'ban' (the Base Adresse Nationale's CSV batch API) is known.
        """, valueName: "name"))
    var geocoder: String?

    @Option(help: ArgumentHelp("The geocoder's base URL, e.g. https://api-adresse.data.gouv.fr (answers POST <url>/search/csv/).",
                               valueName: "url"))
    var geocoderURL: String?

    @Option(help: ArgumentHelp("Score below which a geocoder's result is ignored and the source's values kept.", valueName: "score"))
    var geocoderThreshold: Double = GeocoderConfiguration.defaultThreshold

    @Flag(help: "Fetch every configured source into a new archive folder first, then refresh that folder.")
    var fetch = false

    @OptionGroup var fetchLocation: FetchLocationOptions

    @Option(help: ArgumentHelp("With --fetch: sources fetched at the same time.", valueName: "n"))
    var parallel: Int = 4

    @OptionGroup var loadPolicy: LoadPolicyOptions
    @OptionGroup var lock: RunLockOptions
    @OptionGroup var options: GlobalOptions

    func validate() throws {
        if fetch, snapshots != nil { throw ValidationError("--fetch refreshes the folder it fetches: leave out --snapshots") }
        if let geocoder, GeocoderConfiguration.Kind(rawValue: geocoder) == nil {
            throw ValidationError("unknown geocoder '\(geocoder)'; known: \(GeocoderConfiguration.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if geocoder != nil, geocoderURL == nil { throw ValidationError("--geocoder needs --geocoder-url") }
        if geocoder == nil, geocoderURL != nil { throw ValidationError("--geocoder-url needs --geocoder ban") }
    }

    func run() async throws {
        try await reportingErrors {
            let context = try options.context()
            var folder = snapshots.map { URL(fileURLWithPath: $0) } ?? context.layout.demoSnapshotsDirectory
            var fetchFailed = false
            if fetch {
                let fetched = try await fetchSources()
                folder = fetched.folder
                fetchFailed = !fetched.failed.isEmpty
            }
            let geocoding = try geocoder.flatMap(GeocoderConfiguration.Kind.init(rawValue:)).map { kind in
                try GeocoderConfiguration(kind: kind, url: URL(string: geocoderURL ?? "") ?? URL(fileURLWithPath: "/"),
                                          threshold: geocoderThreshold)
            }
            let refreshOptions = Refresh.Options(geocoder: geocoding, loadPolicy: loadPolicy.policy, waitForLock: lock.waitForLock)
            let report = try await Refresh.run(context: context, snapshots: folder, options: refreshOptions,
                                               progress: options.progress)
            print(RefreshSummary.render(report))
            if report.needsAttention || fetchFailed { throw ExitCode.failure }
        }
    }

    private func fetchSources() async throws -> FetchReport {
        do {
            let (configuration, archive) = try fetchLocation.load(projectDir: options.projectDir)
            let report = try await FetchRun.run(configuration, request: FetchRun.Request(
                archive: archive, acceptShrink: Set(loadPolicy.acceptShrink), parallelSources: parallel),
                progress: options.progress)
            print(report.render())
            print("")
            return report
        } catch let error as FetchError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode.failure
        }
    }
}

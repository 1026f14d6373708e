import Foundation
import WarehouseCore

/// `warehouse fetch`: every configured source (or the ones named) into a new
/// fetch folder of the archive, sources in parallel, each alone: one that
/// fails leaves no file in the new folder and its latest good fetch stays the
/// previous one. `resume` fetches again, into the same folder, only the
/// sources of that fetch that did not succeed.
public enum FetchRun {
    public struct Request: Sendable {
        public var sources: [String]
        public var archive: FetchArchive
        public var resume: String?
        public var acceptShrink: Set<String>
        public var parallelSources: Int

        public init(sources: [String] = [], archive: FetchArchive, resume: String? = nil,
                    acceptShrink: Set<String> = [], parallelSources: Int = 4) {
            self.sources = sources
            self.archive = archive
            self.resume = resume
            self.acceptShrink = acceptShrink
            self.parallelSources = parallelSources
        }
    }

    public static func run(_ configuration: FetchConfiguration, request: Request, credentials: Credentials = Credentials(),
                           progress: ProgressReporter = .silent, now: Date = Date()) async throws -> FetchReport {
        for slug in request.sources where configuration.source(slug) == nil {
            let known = configuration.sources.map(\.slug).joined(separator: ", ")
            throw FetchError.configuration(file: "config/sources.yml", reason: "no source '\(slug)' is configured (configured: \(known))")
        }
        let archive = request.archive
        let fetchID: String
        var previousRun = FetchRunRecord(sources: [:])
        var selected = request.sources.isEmpty ? configuration.sources : configuration.sources.filter { request.sources.contains($0.slug) }
        if let resume = request.resume {
            guard FileManager.default.fileExists(atPath: archive.folder(of: resume).path) else {
                throw FetchError.archive(path: archive.folder(of: resume).path, reason: "no such fetch to resume")
            }
            // a fetch killed before its end has no _run.json: every source is fetched again
            let run = archive.run(resume) ?? FetchRunRecord(sources: [:])
            fetchID = resume
            previousRun = run
            selected = selected.filter { run.sources[$0.slug]?.status != SourceFetchReport.Status.ok.rawValue }
        } else {
            fetchID = try archive.newFetchID(at: now)
        }
        let latestBefore = archive.latestGood()
        let fetchedAt = now
        var reports: [SourceFetchReport] = []
        try await withThrowingTaskGroup(of: SourceFetchReport.self) { group in
            var next = 0
            func start() {
                let source = selected[next]
                next += 1
                group.addTask {
                    await fetchSource(source, fetchID: fetchID, fetchedAt: fetchedAt, archive: archive, credentials: credentials,
                                      previous: latestBefore[source.slug], acceptShrink: request.acceptShrink.contains(source.slug),
                                      progress: progress)
                }
            }
            while next < min(max(1, request.parallelSources), selected.count) { start() }
            while let report = try await group.next() {
                reports.append(report)
                if report.status == .ok { try archive.recordLatestGood(report.source, fetchID: fetchID) }
                if next < selected.count { start() }
            }
        }
        let order = configuration.sources.map(\.slug)
        reports.sort { (order.firstIndex(of: $0.source) ?? 0) < (order.firstIndex(of: $1.source) ?? 0) }
        var run = previousRun
        for report in reports {
            run.sources[report.source] = .init(status: report.status.rawValue, reason: report.reason, pages: report.pages,
                                               records: report.records, bytes: report.bytes, seconds: report.seconds)
        }
        try archive.writeRun(run, fetchID: fetchID)
        return FetchReport(fetchID: fetchID, folder: archive.folder(of: fetchID), sources: reports,
                           alreadyFetched: previousRun.sources.filter { $0.value.status == SourceFetchReport.Status.ok.rawValue }.keys.sorted())
    }

    static func fetchSource(_ source: SourceFetchConfiguration, fetchID: String, fetchedAt: Date, archive: FetchArchive,
                            credentials: Credentials, previous: String?, acceptShrink: Bool,
                            progress: ProgressReporter) async -> SourceFetchReport {
        let step = "fetch \(source.slug)"
        progress.started(step)
        let client = SourceHTTPClient(settings: source.settings) { message in progress.warned(step, reason: message) }
        let start = Date()
        var files: [FetchedFile] = []
        var status = SourceFetchReport.Status.ok
        var reason: String?
        do {
            var earlier: [String: [FetchedFile]] = [:]
            var tokenStores: [AuthConfiguration: OAuth2TokenStore] = [:]
            for stream in source.streams {
                var tokens: OAuth2TokenStore?
                if let auth = stream.auth, auth.scheme == "oauth2" {
                    tokens = try tokenStores[auth] ?? OAuth2TokenStore(auth: auth, source: source.slug, credentials: credentials, client: client)
                    tokenStores[auth] = tokens
                }
                let authorization = try Authorization.make(stream.auth, source: source.slug, credentials: credentials,
                                                           client: client, tokens: tokens)
                let context = StreamFetchContext(source: source, stream: stream, client: client, authorization: authorization,
                                                 earlier: earlier, dropFolder: archive.dropFolder(of: source.slug))
                let fetched = try await fetcher(for: stream.mode).fetch(context)
                try checkShrink(fetched, stream: stream, previous: previous, archive: archive, settings: source.settings,
                                accepted: acceptShrink, source: source.slug)
                earlier[stream.name] = fetched
                files += fetched
            }
            _ = try archive.store(files, source: source.slug, mode: source.modeDescription, fetchID: fetchID, fetchedAt: fetchedAt)
        } catch FetchError.noDrop(let folder) {
            status = .noDrop
            reason = "no files dropped in \(folder)"
        } catch {
            status = .failed
            reason = (error as? FetchError)?.description ?? "\(error)"
        }
        let stats = client.stats
        let report = SourceFetchReport(
            source: source.slug, mode: source.modeDescription, status: status, reason: reason,
            pages: await stats.pages, records: files.compactMap(\.records).reduce(0, +), bytes: await stats.bytes,
            retries: await stats.retries, seconds: Date().timeIntervalSince(start), files: files.count)
        switch status {
        case .ok: progress.finished(step, detail: report.detail, seconds: report.seconds)
        case .noDrop: progress.warned(step, reason: reason ?? "")
        case .failed: progress.failed(step, reason: "\(reason ?? ""); the latest good fetch stays \(previous ?? "none")")
        }
        return report
    }

    static func fetcher(for mode: FetchMode) -> any SourceFetcher {
        switch mode {
        case .drf: DRFFetcher()
        case .searchPost: SearchPostFetcher()
        case .body: BodyFetcher()
        case .jsonAPI: JSONAPIFetcher()
        case .arcgis: ArcGISFetcher()
        case .csv: CSVDownloadFetcher()
        case .pageNumber: PageNumberFetcher()
        case .htmlPages: HTMLPagesFetcher()
        case .fileDrop: FileDropFetcher()
        }
    }

    /// An empty or collapsed stream is a producer's fault far more often than
    /// real news: it fails the source unless the operator accepts it.
    static func checkShrink(_ files: [FetchedFile], stream: StreamFetchConfiguration, previous: String?, archive: FetchArchive,
                            settings: FetchSettings, accepted: Bool, source: String) throws {
        guard !accepted, let previous, let record = archive.record(of: source, in: previous),
              let before = record.records(of: stream.stream.path), before > 0 else { return }
        let counts = files.compactMap(\.records)
        let now = counts.isEmpty ? files.count : counts.reduce(0, +)
        if Double(now) < Double(before) * settings.minShareOfLastFetch || now == 0 {
            throw FetchError.shrank(stream: "\(source)/\(stream.name)", records: now, previous: before, fetchID: previous)
        }
    }
}

import Foundation

/// The archive of fetches: `<root>/<fetch-id>/<source>/<stream>.<ext>` plus
/// `<source>/_fetch.json`, the snapshot layout a refresh reads; `<fetch-id>/_run.json`
/// (what each source of that run did); `latest.json` (each source's latest good
/// fetch); `drops/<source>/` (files an operator drops for file-drop sources).
public struct FetchArchive: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func folder(of fetchID: String) -> URL { root.appendingPathComponent(fetchID) }
    public func dropFolder(of source: String) -> URL { root.appendingPathComponent("drops").appendingPathComponent(source) }
    var latestFile: URL { root.appendingPathComponent("latest.json") }

    /// A new fetch id: the UTC time, with a suffix when that second is taken.
    func newFetchID(at date: Date) throws -> String {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let base = FetchArchive.idFormatter.string(from: date)
        var id = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: folder(of: id).path) {
            id = "\(base)-\(suffix)"
            suffix += 1
        }
        try FileManager.default.createDirectory(at: folder(of: id), withIntermediateDirectories: true)
        return id
    }

    /// Every fetch folder, oldest first.
    public func fetchIDs() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { $0.range(of: #"^\d{8}T\d{6}Z(-\d+)?$"#, options: .regularExpression) != nil }
            .sorted()
    }

    // MARK: latest good fetch per source

    public func latestGood() -> [String: String] {
        guard let data = try? Data(contentsOf: latestFile),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return object
    }

    func recordLatestGood(_ source: String, fetchID: String) throws {
        var latest = latestGood()
        latest[source] = fetchID
        try writeJSON(latest, to: latestFile)
    }

    /// The `_fetch.json` of a source in a fetch.
    public func record(of source: String, in fetchID: String) -> SourceFetchRecord? {
        let file = folder(of: fetchID).appendingPathComponent(source).appendingPathComponent("_fetch.json")
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(SourceFetchRecord.self, from: data)
    }

    // MARK: writing

    /// Writes a source's files into a hidden folder, then renames it into place:
    /// a source is in the fetch folder whole or not at all.
    func store(_ files: [FetchedFile], source: String, mode: String, fetchID: String, fetchedAt: Date) throws -> SourceFetchRecord {
        let fetchFolder = folder(of: fetchID)
        let staging = fetchFolder.appendingPathComponent(".partial-\(source)")
        let target = fetchFolder.appendingPathComponent(source)
        let manager = FileManager.default
        try? manager.removeItem(at: staging)
        do {
            var entries: [SourceFetchRecord.File] = []
            for file in files {
                let url = staging.appendingPathComponent(file.path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: url)
                entries.append(.init(path: file.path, origin: file.origin, bytes: file.data.count,
                                     sha256: BodyCheck.sha256(file.data), records: file.records))
            }
            let record = SourceFetchRecord(source: source, fetchedAt: FetchArchive.timestamp(fetchedAt),
                                           origin: files.first?.origin ?? "", mode: mode, files: entries)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(record).write(to: staging.appendingPathComponent("_fetch.json"))
            try? manager.removeItem(at: target)
            try manager.moveItem(at: staging, to: target)
            return record
        } catch {
            try? manager.removeItem(at: staging)
            throw FetchError.archive(path: target.path, reason: "cannot be written: \(error.localizedDescription)")
        }
    }

    func writeRun(_ run: FetchRunRecord, fetchID: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(run).write(to: folder(of: fetchID).appendingPathComponent("_run.json"))
    }

    public func run(_ fetchID: String) -> FetchRunRecord? {
        guard let data = try? Data(contentsOf: folder(of: fetchID).appendingPathComponent("_run.json")) else { return nil }
        return try? JSONDecoder().decode(FetchRunRecord.self, from: data)
    }

    private func writeJSON(_ object: Any, to url: URL) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: url, options: .atomic)
    }

    static let idFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter
    }()

    /// RFC 3339 without fractions, as the loaders read `fetched_at`.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// `<source>/_fetch.json`: when, from where, and each file's size and digest.
public struct SourceFetchRecord: Codable, Sendable {
    public let source: String
    public let fetchedAt: String
    public let origin: String
    public let mode: String
    public let files: [File]

    public struct File: Codable, Sendable {
        public let path: String
        public let origin: String
        public let bytes: Int
        public let sha256: String
        public let records: Int?
    }

    enum CodingKeys: String, CodingKey {
        case source, origin, mode, files
        case fetchedAt = "fetched_at"
    }

    /// Records of a stream: its file, or the files of its folder.
    func records(of stream: String) -> Int? {
        let counts = files.filter { $0.path == stream || $0.path.hasPrefix(stream + "/") }.compactMap(\.records)
        return counts.isEmpty ? nil : counts.reduce(0, +)
    }
}

/// `<fetch-id>/_run.json`: what each source of a fetch did, read by `--resume`.
public struct FetchRunRecord: Codable, Sendable {
    public var sources: [String: Entry]

    public struct Entry: Codable, Sendable {
        public let status: String
        public let reason: String?
        public let pages: Int
        public let records: Int
        public let bytes: Int
        public let seconds: Double
    }
}

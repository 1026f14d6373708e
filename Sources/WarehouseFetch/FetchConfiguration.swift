import Foundation
import WarehouseCore
import Yams

/// `config/sources.yml`: where each source is fetched from and how. Secrets
/// are never in the file: it names the environment variables that hold them.
public struct FetchConfiguration: Sendable {
    /// The archive folder when `--archive` is not given (relative to the working directory).
    public var archive: String
    public var retention: Retention
    public var sources: [SourceFetchConfiguration]

    public struct Retention: Sendable, Codable {
        /// The newest fetches always kept.
        public var keepLast: Int = 10
        /// Beyond them, the newest fetch of each month is kept.
        public var keepMonthly: Bool = true

        enum CodingKeys: String, CodingKey { case keepLast = "keep_last", keepMonthly = "keep_monthly" }
        public init() {}
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            keepLast = try container.decodeIfPresent(Int.self, forKey: .keepLast) ?? 10
            keepMonthly = try container.decodeIfPresent(Bool.self, forKey: .keepMonthly) ?? true
        }
    }

    public func source(_ slug: String) -> SourceFetchConfiguration? { sources.first { $0.slug == slug } }

    public static func load(from file: URL) throws -> FetchConfiguration {
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw FetchError.configuration(file: file.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws -> FetchConfiguration {
        let raw: RawFile
        do { raw = try YAMLDecoder().decode(RawFile.self, from: text) } catch {
            throw FetchError.configuration(file: file, reason: "\(error)")
        }
        let defaults = raw.defaults ?? FetchSettings.RawSettings()
        var sources: [SourceFetchConfiguration] = []
        for (slug, entry) in raw.sources.sorted(by: { $0.key < $1.key }) {
            guard let definition = SourceCatalog.source(slug) else {
                throw FetchError.configuration(file: file, reason: "sources.\(slug): no such source (known: \(SourceCatalog.all.map(\.slug).joined(separator: ", ")))")
            }
            sources.append(try SourceFetchConfiguration(slug: slug, definition: definition, entry: entry,
                                                        defaults: defaults, file: file))
        }
        // Catalog order, so summaries read the same as `warehouse sources`.
        let order = SourceCatalog.all.map(\.slug)
        sources.sort { (order.firstIndex(of: $0.slug) ?? 0) < (order.firstIndex(of: $1.slug) ?? 0) }
        return FetchConfiguration(archive: raw.archive ?? "archive", retention: raw.retention ?? Retention(), sources: sources)
    }

    struct RawFile: Decodable {
        var archive: String?
        var defaults: FetchSettings.RawSettings?
        var retention: Retention?
        var sources: [String: RawSource]
    }

    struct RawSource: Decodable {
        var base_url: String?
        var auth: AuthConfiguration?
        var settings: FetchSettings.RawSettings?
        var streams: [RawStream]
        var notes: String?
    }

    struct RawStream: Decodable {
        var name: String
        var mode: FetchMode
        var base_url: String?
        var path: String?
        var method: String?
        var auth: AuthConfiguration?
        var items_key: String?
        var query: [String: String]?
        var values: [String]?
        var value_parameter: String?
        var object_id_field: String?
        var from_stream: String?
        var id_key: String?
        var url_key: String?
    }
}

/// How one stream is obtained: one client per protocol.
public enum FetchMode: String, Sendable, Codable, CaseIterable {
    case drf                    // Django REST pagination, `next` links, token auth
    case searchPost = "search-post"   // POST page-by-page search (Soliguide), JWT
    case body                   // one authenticated GET/POST of one body
    case jsonAPI = "jsonapi"    // JSON:API, following links.next.href
    case arcgis                 // ArcGIS FeatureServer paged by object id
    case csv                    // a CSV download (Grist table, data.gouv.fr resource)
    case pageNumber = "page-number"   // ?page=1,2,… until an empty array (Ma Boussole Aidants)
    case htmlPages = "html-pages"     // one HTML page per record of another stream
    case fileDrop = "file-drop"       // files an operator drops into the archive
}

public struct AuthConfiguration: Sendable, Codable, Hashable {
    /// token (`Token <t>`), jwt (`JWT <t>`), bearer, api-key (header), oauth2 (client credentials).
    public var scheme: String
    public var tokenEnv: String?
    public var header: String?
    public var tokenURL: String?
    public var clientIDEnv: String?
    public var clientSecretEnv: String?
    public var scope: String?

    enum CodingKeys: String, CodingKey {
        case scheme, header, scope
        case tokenEnv = "token_env", tokenURL = "token_url", clientIDEnv = "client_id_env", clientSecretEnv = "client_secret_env"
    }

    /// The environment variables this authentication reads.
    public var environmentVariables: [String] { [tokenEnv, clientIDEnv, clientSecretEnv].compactMap { $0 } }
}

/// One stream's fetch: where, with which client, and the protocol's parameters.
public struct StreamFetchConfiguration: Sendable {
    public let name: String
    public let mode: FetchMode
    public let stream: StreamDefinition
    /// The producer's address, as written (it may hold a `<placeholder>` the operator must fill).
    public var base: String?
    public var path: String
    public let method: String
    public var auth: AuthConfiguration?
    public let itemsKey: String?
    public let query: [String: String]
    /// page-number: one pass per value of `valueParameter` (Ma Boussole Aidants' structure types).
    public let values: [String]
    public let valueParameter: String?
    public let objectIDField: String
    /// html-pages: the stream whose records list the pages, and their id and URL keys.
    public let fromStream: String?
    public let idKey: String
    public let urlKey: String

    public var baseURL: URL? { base.flatMap(URL.init(string:)) }

    /// The URL of the first request.
    public var url: URL? { URL(string: (base ?? "").trimmingSuffix("/") + path) }

    /// The first `<placeholder>` left in the address, if any.
    public var placeholder: String? {
        let text = (base ?? "") + path
        guard let open = text.firstIndex(of: "<"), let close = text[open...].firstIndex(of: ">") else { return nil }
        return String(text[open...close])
    }
}

public struct SourceFetchConfiguration: Sendable {
    public let slug: String
    public let definition: SourceDefinition
    public var streams: [StreamFetchConfiguration]
    public var settings: FetchSettings
    public let notes: String?

    /// `drf`, or `oauth2 + csv` when the streams differ.
    public var modeDescription: String {
        var seen: [String] = []
        for stream in streams {
            let name = stream.auth?.scheme == "oauth2" ? "oauth2" : stream.mode.rawValue
            if !seen.contains(name) { seen.append(name) }
        }
        return seen.joined(separator: " + ")
    }

    public var isFileDrop: Bool { streams.allSatisfy { $0.mode == .fileDrop } }

    init(slug: String, definition: SourceDefinition, entry: FetchConfiguration.RawSource,
         defaults: FetchSettings.RawSettings, file: String) throws {
        self.slug = slug
        self.definition = definition
        self.notes = entry.notes
        self.settings = FetchSettings(defaults.merged(with: entry.settings))
        // URLSession on Linux counts timeouts in whole seconds: below one, requests fail at once.
        guard settings.timeoutSeconds >= 1 else {
            throw FetchError.configuration(file: file, reason: "sources.\(slug): timeout_seconds must be at least 1")
        }
        var streams: [StreamFetchConfiguration] = []
        for raw in entry.streams {
            let place = "sources.\(slug).streams.\(raw.name)"
            guard let stream = definition.streams.first(where: { $0.name == raw.name }) else {
                throw FetchError.configuration(file: file, reason: "\(place): \(slug) has no stream '\(raw.name)' (streams: \(definition.streams.map(\.name).joined(separator: ", ")))")
            }
            let base = raw.base_url ?? entry.base_url
            guard [.fileDrop, .htmlPages].contains(raw.mode) || raw.path != nil else {
                throw FetchError.configuration(file: file, reason: "\(place): 'path' is required for mode \(raw.mode.rawValue)")
            }
            if let base, !base.contains("<"), URL(string: base)?.scheme == nil {
                throw FetchError.configuration(file: file, reason: "\(place): base_url '\(base)' is not a URL")
            }
            if raw.mode == .htmlPages, raw.from_stream == nil {
                throw FetchError.configuration(file: file, reason: "\(place): html-pages needs 'from_stream'")
            }
            streams.append(StreamFetchConfiguration(
                name: raw.name, mode: raw.mode, stream: stream, base: base, path: raw.path ?? "",
                method: (raw.method ?? (raw.mode == .searchPost ? "POST" : "GET")).uppercased(),
                auth: raw.auth ?? entry.auth, itemsKey: raw.items_key, query: raw.query ?? [:],
                values: raw.values ?? [], valueParameter: raw.value_parameter,
                objectIDField: raw.object_id_field ?? "ObjectId", fromStream: raw.from_stream,
                idKey: raw.id_key ?? "id", urlKey: raw.url_key ?? "url"))
        }
        if streams.isEmpty { throw FetchError.configuration(file: file, reason: "sources.\(slug): no streams") }
        self.streams = streams
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}

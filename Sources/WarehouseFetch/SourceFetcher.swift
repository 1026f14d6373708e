import Foundation
import WarehouseCore

/// A client for one protocol: fetches one stream of a source into the files
/// of its snapshot layout (`<stream>.<ext>`, or `<stream>/<part>.<ext>`).
protocol SourceFetcher: Sendable {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile]
}

/// A file to archive, with the bytes exactly as they are to be stored.
public struct FetchedFile: Sendable {
    /// Relative to the source's folder, e.g. `structures.json` or `structures/3101.html`.
    public let path: String
    public let data: Data
    /// Where the bytes came from: the first page's URL, or the dropped file.
    public let origin: String
    /// Items in the file when it holds a list (JSON array, CSV rows), for the shrink check.
    public let records: Int?
}

/// What a client is given to fetch one stream.
struct StreamFetchContext: Sendable {
    let source: SourceFetchConfiguration
    let stream: StreamFetchConfiguration
    let client: SourceHTTPClient
    let authorization: Authorization
    /// Files fetched before this stream in the same run, by stream name (HTML pages read their list).
    let earlier: [String: [FetchedFile]]
    /// Where an operator drops this source's files (file-drop streams).
    let dropFolder: URL

    var settings: FetchSettings { client.settings }

    func firstURL() throws -> URL {
        if let placeholder = stream.placeholder {
            throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source.slug).streams.\(stream.name): replace \(placeholder) in its address with the real value")
        }
        guard let url = stream.url else {
            throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(source.slug).streams.\(stream.name): no URL (base_url + path)")
        }
        return url
    }

    /// Sends with the stream's authentication.
    func send(_ url: URL, method: String? = nil, body: Data? = nil, headers: [String: String] = [:],
              expect: BodyCheck.Expected) async throws -> SourceHTTPClient.Response {
        try await client.send(url, method: method ?? stream.method, body: body, headers: headers, expect: expect,
                              authorize: authorization.authorize, reauthorize: authorization.reauthorize)
    }

    /// What a stream's body should be, from its format in the catalog.
    var expectedBody: BodyCheck.Expected {
        switch stream.stream.format {
        case .jsonArray, .jsonArrayUnderKey, .jsonArrayPerFile: .json
        case .csv, .finess: .csv
        case .lheoXML: .xml
        case .htmlPages: .html
        }
    }
}

extension URL {
    /// The URL with query parameters set (replacing those of the same name).
    func settingQuery(_ items: [(String, String)]) -> URL {
        guard var components = URLComponents(url: self, resolvingAgainstBaseURL: false) else { return self }
        var query = components.queryItems ?? []
        for (name, value) in items {
            query.removeAll { $0.name == name }
            query.append(URLQueryItem(name: name, value: value))
        }
        components.queryItems = query
        // `+` and `>` stay literal in a query otherwise; servers read `+` as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?
            .replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: ">", with: "%3E")
        return components.url ?? self
    }
}

/// Items of a JSON list page: each element's bytes, and the parsed page for its paging fields.
struct JSONPage {
    let items: [Data]
    let object: [String: Any]

    /// The array at `key` of the top-level object (or the top-level array when `key` is nil).
    init(_ data: Data, itemsAt key: String?, url: String) throws {
        let slices = JSONSlices(data)
        do {
            let top = try slices.topLevel()
            let range: Range<Int>?
            if let key { range = try slices.member(key, in: top) } else { range = top }
            guard let range else {
                throw FetchError.protocolViolation(url: url, reason: "the answer has no '\(key ?? "")' array")
            }
            guard slices.bytes[range.lowerBound] == UInt8(ascii: "[") || slices.bytes[range.lowerBound] == UInt8(ascii: "n") else {
                throw FetchError.protocolViolation(url: url, reason: "'\(key ?? "the body")' is not an array")
            }
            items = slices.bytes[range.lowerBound] == UInt8(ascii: "n") ? [] : try slices.elements(of: range).map(slices.data)
        } catch let fault as JSONSlices.Fault {
            throw FetchError.badBody(url: url, reason: "not JSON to its end: \(fault.reason)")
        }
        object = (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

/// Counts the records of a single-body file, for the summary and the shrink check.
enum RecordCount {
    static func of(_ data: Data, format: SnapshotFormat) -> Int? {
        switch format {
        case .jsonArray, .jsonArrayPerFile:
            return try? JSONPage(data, itemsAt: nil, url: "").items.count
        case .jsonArrayUnderKey(let key):
            return try? JSONPage(data, itemsAt: key, url: "").items.count
        case .csv, .finess:
            // header (CSV) or banner (FINESS) first; a rough count, enough to see a source vanish
            let lines = data.split(separator: UInt8(ascii: "\n")).filter { !$0.allSatisfy { $0 == 13 || $0 == 32 } }
            return max(0, lines.count - 1)
        case .lheoXML:
            return String(decoding: data, as: UTF8.self).components(separatedBy: "<formation").count - 1
        case .htmlPages:
            return nil
        }
    }
}

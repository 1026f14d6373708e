import Foundation

/// One HTML page per record of an earlier stream (Réseau Alpha: the page of
/// each structure of cartographie.json), stored as `<folder>/<id>.html`.
/// Pages are asked `concurrency` at a time. A page's URL keeps the path the
/// record gives on the configured host, so the same configuration serves a
/// mirror or a test server.
struct HTMLPagesFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let listName = context.stream.fromStream ?? ""
        guard let listFile = context.earlier[listName]?.first,
              let listStream = context.source.definition.streams.first(where: { $0.name == listName }) else {
            throw FetchError.configuration(file: "config/sources.yml", reason: "sources.\(context.source.slug).streams.\(context.stream.name): from_stream '\(listName)' must be fetched before it")
        }
        let key: String? = if case .jsonArrayUnderKey(let key) = listStream.format { key } else { nil }
        let list = try JSONPage(listFile.data, itemsAt: key, url: listFile.origin)
        var pages: [(id: String, url: URL)] = []
        for (index, item) in list.items.enumerated() {
            let object = (try? JSONSerialization.jsonObject(with: item) as? [String: Any]) ?? [:]
            let id = object[context.stream.idKey].map { "\($0)" }
            guard let id, !id.isEmpty, !id.contains("/"), let link = object[context.stream.urlKey] as? String,
                  let url = pageURL(link, base: context.stream.baseURL) else {
                throw FetchError.protocolViolation(url: listFile.origin, reason: "\(listName) item \(index + 1) has no usable '\(context.stream.idKey)' and '\(context.stream.urlKey)'")
            }
            pages.append((id, url))
        }
        let folder = context.stream.stream.path
        let limit = context.settings.concurrency
        return try await withThrowingTaskGroup(of: FetchedFile.self) { group in
            var files: [FetchedFile] = []
            var next = 0
            func start() {
                let page = pages[next]
                next += 1
                group.addTask {
                    let response = try await context.send(page.url, expect: .html)
                    return FetchedFile(path: "\(folder)/\(page.id).html", data: response.data, origin: page.url.absoluteString, records: nil)
                }
            }
            while next < min(limit, pages.count) { start() }
            while let file = try await group.next() {
                files.append(file)
                if next < pages.count { start() }
            }
            return files.sorted { $0.path < $1.path }
        }
    }

    private func pageURL(_ link: String, base: URL?) -> URL? {
        guard let url = URL(string: link) else { return nil }
        guard let base, var components = URLComponents(url: base, resolvingAgainstBaseURL: false) else { return url }
        let basePath = components.path.trimmingSuffix("/")
        components.path = basePath + url.path
        components.query = url.query
        return components.url
    }
}

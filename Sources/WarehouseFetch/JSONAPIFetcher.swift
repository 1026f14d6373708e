import Foundation

/// Drupal JSON:API (AGEFIPH): the `data` array of each page, following
/// `links.next.href` until it is absent. `included` and the envelope are not kept.
struct JSONAPIFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let first = try context.firstURL()
        var url: URL? = first
        var items: [Data] = []
        var seen: Set<String> = []
        var previousPage: String?
        var page = 0
        while let current = url {
            page += 1
            guard seen.insert(current.absoluteString).inserted else {
                throw FetchError.protocolViolation(url: current.absoluteString, reason: "page \(page): links.next points back to a page already read")
            }
            let response = try await context.send(current, headers: ["Accept": "application/vnd.api+json"], expect: .json)
            let parsed = try JSONPage(response.data, itemsAt: context.stream.itemsKey ?? "data", url: current.absoluteString)
            try BodyCheck.checkNotRepeated(parsed.items, previous: &previousPage, page: page, url: current.absoluteString)
            items += parsed.items
            let next = ((parsed.object["links"] as? [String: Any])?["next"] as? [String: Any])?["href"] as? String
            url = next.flatMap { URL(string: $0, relativeTo: current)?.absoluteURL }
        }
        return [FetchedFile(path: context.stream.stream.path, data: JSONSlices.concatenated(items),
                            origin: first.absoluteString, records: items.count)]
    }
}

import Foundation

/// Django REST Framework pagination (DORA, les emplois de l'inclusion):
/// `{count, next, previous, results}`, following `next` until it is null.
/// The file is the concatenation of every page's `results`.
struct DRFFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let first = try context.firstURL().settingQuery([("page_size", String(context.settings.pageSize))]
                                                          + context.stream.query.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        var url: URL? = first
        var items: [Data] = []
        var seen: Set<String> = []
        var previousPage: String?
        var page = 0
        var announced: Int?
        while let current = url {
            page += 1
            guard seen.insert(current.absoluteString).inserted else {
                throw FetchError.protocolViolation(url: current.absoluteString, reason: "page \(page): 'next' points back to a page already read")
            }
            let response = try await context.send(current, expect: .json)
            let parsed = try JSONPage(response.data, itemsAt: context.stream.itemsKey ?? "results", url: current.absoluteString)
            try BodyCheck.checkNotRepeated(parsed.items, previous: &previousPage, page: page, url: current.absoluteString)
            items += parsed.items
            announced = (parsed.object["count"] as? NSNumber)?.intValue ?? announced
            url = (parsed.object["next"] as? String).flatMap { URL(string: $0, relativeTo: current)?.absoluteURL }
        }
        // fewer items than the last page announces: pages were lost (more can be records added meanwhile)
        if let announced, items.count < announced {
            throw FetchError.protocolViolation(url: first.absoluteString, reason: "the pages hold \(items.count) items where 'count' announced \(announced)")
        }
        return [FetchedFile(path: context.stream.stream.path, data: JSONSlices.concatenated(items),
                            origin: first.absoluteString, records: items.count)]
    }
}

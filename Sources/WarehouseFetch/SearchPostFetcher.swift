import Foundation

/// Soliguide's search: `POST /new-search` with the page number in the body,
/// pages until `ceil(nbResults / limit)` or an empty page. The file is the
/// concatenation of every page's `places`.
struct SearchPostFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let url = try context.firstURL()
        let limit = context.settings.pageSize
        var items: [Data] = []
        var previousPage: String?
        var page = 1
        var pages = Int.max
        while page <= pages {
            let body = #"{"location":{"geoType":"pays","geoValue":"fr"},"options":{"limit":\#(limit),"page":\#(page)}}"#
            let response = try await context.send(url, body: Data(body.utf8), headers: ["Content-Type": "application/json"], expect: .json)
            let parsed = try JSONPage(response.data, itemsAt: context.stream.itemsKey ?? "places", url: "\(url.absoluteString) (page \(page))")
            if parsed.items.isEmpty { break }
            try BodyCheck.checkNotRepeated(parsed.items, previous: &previousPage, page: page, url: "\(url.absoluteString) (page \(page))")
            items += parsed.items
            if let total = (parsed.object["nbResults"] as? NSNumber)?.intValue {
                pages = (total + limit - 1) / limit
            }
            page += 1
        }
        return [FetchedFile(path: context.stream.stream.path, data: JSONSlices.concatenated(items),
                            origin: url.absoluteString, records: items.count)]
    }
}

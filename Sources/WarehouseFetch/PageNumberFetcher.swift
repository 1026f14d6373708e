import Foundation

/// `?page=1, 2, …` until the items array is empty (Ma Boussole Aidants, with
/// an API key header), once per value of `value_parameter` when `values` are
/// given (its three structure types, concatenated in that order).
struct PageNumberFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let base = try context.firstURL()
        let passes: [(String, String)?] = context.stream.values.isEmpty ? [nil]
            : context.stream.values.map { (context.stream.valueParameter ?? "type", $0) }
        var items: [Data] = []
        for pass in passes {
            var previousPage: String?
            var page = 1
            while true {
                let url = base.settingQuery((pass.map { [$0] } ?? []) + [("page", String(page))])
                let response = try await context.send(url, expect: .json)
                let parsed = try JSONPage(response.data, itemsAt: context.stream.itemsKey, url: url.absoluteString)
                if parsed.items.isEmpty { break }
                try BodyCheck.checkNotRepeated(parsed.items, previous: &previousPage, page: page, url: url.absoluteString)
                items += parsed.items
                page += 1
            }
        }
        return [FetchedFile(path: context.stream.stream.path, data: JSONSlices.concatenated(items),
                            origin: base.absoluteString, records: items.count)]
    }
}

import Foundation

/// An ArcGIS FeatureServer layer (CD35): `query` ordered by object id, each
/// page asking for the ids above the last one read, while the server says
/// `exceededTransferLimit`. The file is the `attributes` of every feature
/// (geometry dropped), as upstream stores them.
struct ArcGISFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let base = try context.firstURL()
        let idField = context.stream.objectIDField
        var items: [Data] = []
        var lastID: Int?
        var page = 0
        var first: URL?
        while true {
            page += 1
            let url = base.settingQuery([
                ("where", lastID.map { "\(idField)>\($0)" } ?? "1=1"), ("outFields", "*"), ("f", "json"),
                ("orderByFields", "\(idField) ASC"), ("resultRecordCount", String(context.settings.pageSize)),
            ])
            if first == nil { first = url }
            let response = try await context.send(url, expect: .json)
            let parsed = try JSONPage(response.data, itemsAt: "features", url: url.absoluteString)
            if let error = parsed.object["error"] as? [String: Any] {
                throw FetchError.protocolViolation(url: url.absoluteString, reason: "ArcGIS error \(error["code"] ?? ""): \(error["message"] ?? "")")
            }
            let features = parsed.object["features"] as? [[String: Any]] ?? []
            var pageMax: Int?
            for (index, feature) in features.enumerated() {
                guard let attributes = feature["attributes"] as? [String: Any],
                      let id = (attributes[idField] as? NSNumber)?.intValue ?? (attributes[idField] as? String).flatMap(Int.init) else {
                    throw FetchError.protocolViolation(url: url.absoluteString, reason: "feature \(index + 1) of page \(page) has no attributes.\(idField)")
                }
                pageMax = max(pageMax ?? id, id)
            }
            for item in parsed.items {
                let one = JSONSlices(item)
                if let range = try? one.member("attributes", in: 0..<one.bytes.count) { items.append(one.data(range)) }
            }
            guard let pageMax else { break }
            if let lastID, pageMax <= lastID {
                throw FetchError.protocolViolation(url: url.absoluteString, reason: "page \(page) repeats object ids up to \(lastID): the paging is not advancing")
            }
            lastID = pageMax
            guard parsed.object["exceededTransferLimit"] as? Bool == true else { break }
        }
        return [FetchedFile(path: context.stream.stream.path, data: JSONSlices.concatenated(items),
                            origin: first?.absoluteString ?? base.absoluteString, records: items.count)]
    }
}

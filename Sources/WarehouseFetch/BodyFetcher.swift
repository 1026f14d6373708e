import Foundation

/// One authenticated request whose body is the file, stored as received
/// (mediation-numerique's GET, fredo's POST, France Travail's agencies,
/// Réseau Alpha's cartographie.json).
struct BodyFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let url = try context.firstURL()
        let response = try await context.send(url, body: context.stream.method == "POST" ? Data() : nil, expect: context.expectedBody)
        return [FetchedFile(path: context.stream.stream.path, data: response.data, origin: url.absoluteString,
                            records: RecordCount.of(response.data, format: context.stream.stream.format))]
    }
}

/// A CSV download (Grist tables of Action Logement and France Travail's
/// services, the FINESS extraction on data.gouv.fr, redirects followed).
struct CSVDownloadFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let url = try context.firstURL()
        let response = try await context.send(url, expect: .csv)
        return [FetchedFile(path: context.stream.stream.path, data: response.data, origin: url.absoluteString,
                            records: RecordCount.of(response.data, format: context.stream.stream.format))]
    }
}

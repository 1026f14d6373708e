import CSV
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import WarehouseCore

/// The Base Adresse Nationale's CSV batch geocoder: a CSV file posted as
/// multipart form data to `<base>/search/csv/`, `columns` naming the columns
/// that make the query (adresse, code_postal, commune) and `citycode`
/// naming the column that filters on the INSEE code; the answer is the same
/// CSV with `latitude`, `longitude`, `result_label`, `result_score`,
/// `result_postcode`, `result_citycode`… appended.
struct BANBatchClient: Sendable {
    struct Address: Sendable {
        let key: String
        let adresse: String
        let codePostal: String?
        let commune: String?
        let codeInsee: String?
    }

    struct Result: Sendable {
        let key: String
        let latitude: Double?
        let longitude: Double?
        let score: Double?
        let label: String?
        let citycode: String?
        let postcode: String?
    }

    let baseURL: URL

    var endpoint: URL { baseURL.appendingPathComponent("search").appendingPathComponent("csv").appendingPathComponent("") }

    func geocode(_ addresses: [Address]) async throws -> [Result] {
        let boundary = "warehouse-\(UUID().uuidString)"
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("multipart/form-data; boundary=\(boundary)", forHTTPHeaderField: "Content-Type")
        request.timeoutInterval = 300
        let body = try multipartBody(csv: Self.encode(addresses), boundary: boundary)
        let (data, response) = try await URLSession.shared.upload(for: request, from: body)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            let excerpt = String(decoding: data.prefix(200), as: UTF8.self)
            throw WarehouseError.invalidArgument("the geocoder at \(endpoint.absoluteString) answered HTTP \(status): \(excerpt)")
        }
        return try Self.decode(data, endpoint: endpoint.absoluteString)
    }

    static func encode(_ addresses: [Address]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: ["geocoding_key", "adresse", "code_postal", "commune", "code_insee"])
        for address in addresses {
            try writer.write(row: [address.key, address.adresse, address.codePostal ?? "", address.commune ?? "", address.codeInsee ?? ""])
        }
        writer.stream.close()
        return stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    }

    static func decode(_ data: Data, endpoint: String) throws -> [Result] {
        let reader: CSVReader
        do { reader = try CSVReader(string: String(decoding: data, as: UTF8.self), hasHeaderRow: true) } catch {
            throw WarehouseError.invalidArgument("the geocoder at \(endpoint) answered something that is not CSV: \(error)")
        }
        let header = reader.headerRow ?? []
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let key = column("geocoding_key") else {
            throw WarehouseError.invalidArgument("the geocoder at \(endpoint) answered a CSV without the geocoding_key column it was sent")
        }
        let columns = (latitude: column("latitude"), longitude: column("longitude"), score: column("result_score"),
                       label: column("result_label"), citycode: column("result_citycode"), postcode: column("result_postcode"))
        var results: [Result] = []
        while let row = reader.next() {
            func value(_ index: Int?) -> String? {
                guard let index, index < row.count, !row[index].isEmpty else { return nil }
                return row[index]
            }
            guard let rowKey = value(key) else { continue }
            results.append(Result(key: rowKey, latitude: value(columns.latitude).flatMap(Double.init),
                                  longitude: value(columns.longitude).flatMap(Double.init),
                                  score: value(columns.score).flatMap(Double.init), label: value(columns.label),
                                  citycode: value(columns.citycode), postcode: value(columns.postcode)))
        }
        return results
    }

    private func multipartBody(csv: Data, boundary: String) throws -> Data {
        var body = Data()
        func field(_ name: String, _ value: String) {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        field("columns", "adresse")
        field("columns", "code_postal")
        field("columns", "commune")
        field("citycode", "code_insee")
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"data\"; filename=\"addresses.csv\"\r\nContent-Type: text/csv\r\n\r\n".utf8))
        body.append(csv)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return body
    }
}

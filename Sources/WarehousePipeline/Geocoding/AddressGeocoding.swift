import Foundation
import WarehouseCore
import WarehouseDatabase

/// The geocoding step of a refresh: the addresses of
/// `intermediate.int__geocoding_inputs` that the cache does not know yet go
/// to the remote geocoder in batches; every answer is cached under the
/// address's normalized key, so an unchanged address is never geocoded
/// twice. The models take a cached result only when it is `accepted`
/// (its score reached the threshold).
public struct AddressGeocoding: Sendable {
    public struct Summary: Sendable {
        public let addresses: Int
        public let alreadyCached: Int
        public let sent: Int
        public let accepted: Int
        public let belowThreshold: Int
        public let seconds: Double

        public var line: String {
            "\(addresses) distinct addresses, \(alreadyCached) already cached, \(sent) sent to the geocoder; "
                + "cache: \(accepted) accepted, \(belowThreshold) below the threshold"
        }
    }

    /// The model listing every address with its normalized key.
    public static let inputsModel = "int__geocoding_inputs"

    let database: Database
    let configuration: GeocoderConfiguration

    public init(_ database: Database, configuration: GeocoderConfiguration) {
        self.database = database
        self.configuration = configuration
    }

    public func run(progress: ProgressReporter) async throws -> Summary {
        let started = Date()
        let geocoder = configuration.kind.rawValue
        let addresses = try await database.scalarInt("select count(distinct geocoding_key) from intermediate.int__geocoding_inputs")
        let pending = try await database.query("""
            select distinct on (inputs.geocoding_key)
                inputs.geocoding_key, inputs.adresse, inputs.code_postal, inputs.commune, inputs.code_insee
            from intermediate.int__geocoding_inputs as inputs
            where inputs.geocoding_key is not null
              and not exists (select 1 from ops.geocoding_cache as cache
                              where cache.geocoding_key = inputs.geocoding_key and cache.geocoder = \(geocoder))
            order by inputs.geocoding_key, inputs.source, inputs.id
            """).map { row in
            let (key, adresse, codePostal, commune, codeInsee) = try row.decode((String, String?, String?, String?, String?).self)
            return BANBatchClient.Address(key: key, adresse: adresse ?? "", codePostal: codePostal, commune: commune, codeInsee: codeInsee)
        }
        let client = BANBatchClient(baseURL: configuration.url)
        var sent = 0
        for start in stride(from: 0, to: pending.count, by: configuration.batchSize) {
            let batch = Array(pending[start..<min(start + configuration.batchSize, pending.count)])
            let results = try await client.geocode(batch)
            try await store(batch: batch, results: results, geocoder: geocoder)
            sent += batch.count
            progress.started("geocode \(sent)/\(pending.count)")
        }
        // The threshold may differ from the last run's: judge every cached row again.
        _ = try await database.query("""
            update ops.geocoding_cache set accepted = coalesce(score >= \(configuration.threshold), false)
            where geocoder = \(geocoder) and accepted is distinct from coalesce(score >= \(configuration.threshold), false)
            """)
        let accepted = try await database.scalarInt("select count(*) from ops.geocoding_cache where geocoder = '\(geocoder)' and accepted")
        let total = try await database.scalarInt("select count(*) from ops.geocoding_cache where geocoder = '\(geocoder)'")
        return Summary(addresses: addresses, alreadyCached: addresses - pending.count, sent: sent, accepted: accepted,
                       belowThreshold: total - accepted, seconds: Date().timeIntervalSince(started))
    }

    /// Caches an answer for every address sent, an empty one (no score) for
    /// those the geocoder left out, so they are not sent again.
    private func store(batch: [BANBatchClient.Address], results: [BANBatchClient.Result], geocoder: String) async throws {
        let byKey = Dictionary(results.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let keys = batch.map(\.key)
        let answers = keys.map { byKey[$0] }
        // Arrays of optionals are bound as text and cast, empty meaning none.
        func column(_ value: (BANBatchClient.Result) -> String?) -> [String] { answers.map { $0.flatMap(value) ?? "" } }
        _ = try await database.query("""
            insert into ops.geocoding_cache (geocoding_key, geocoder, latitude, longitude, score, result_label,
                                             result_citycode, result_postcode, accepted)
            select key, \(geocoder), nullif(latitude, '')::float8, nullif(longitude, '')::float8, nullif(score, '')::float8,
                   nullif(label, ''), nullif(citycode, ''), nullif(postcode, ''),
                   coalesce(nullif(score, '')::float8 >= \(configuration.threshold), false)
            from unnest(\(keys)::text[], \(column { $0.latitude.map { String($0) } })::text[],
                        \(column { $0.longitude.map { String($0) } })::text[], \(column { $0.score.map { String($0) } })::text[],
                        \(column(\.label))::text[], \(column(\.citycode))::text[], \(column(\.postcode))::text[])
                as answer (key, latitude, longitude, score, label, citycode, postcode)
            on conflict (geocoding_key) do update set
                geocoder = excluded.geocoder, latitude = excluded.latitude, longitude = excluded.longitude,
                score = excluded.score, result_label = excluded.result_label, result_citycode = excluded.result_citycode,
                result_postcode = excluded.result_postcode, accepted = excluded.accepted, geocoded_at = now()
            """)
    }
}

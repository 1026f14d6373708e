import Foundation

/// `emplois-de-linclusion/organisations.json` (prescribers) and `siaes.json`
/// (insertion employers): one object shape, ids shared by both files; a
/// prescriber without SIRET has the placeholder 00000000000000 and an unknown
/// coordinate is 0 (docs/sources/emplois-de-linclusion.md).
struct EmploisWriter: SnapshotWriter {
    let source = GeneratedSource.emploisDeLinclusion
    private typealias Rates = GenerationRates.Formats.Emplois

    func write(_ records: [SourceRecord], to folder: URL, using random: inout SeededRandom) throws -> WrittenSnapshot {
        var organisations: [JSONValue] = []
        var siaes: [JSONValue] = []
        for record in records {
            let (kind, isEmployer) = record.organisation.kind.emploisKind(activity: record.organisation.activity)
            let object = self.object(record, kind: kind, isEmployer: isEmployer, using: &random)
            if isEmployer { siaes.append(object) } else { organisations.append(object) }
        }
        try SnapshotFiles.writeJSONArray(organisations, to: folder.appendingPathComponent("organisations.json"))
        try SnapshotFiles.writeJSONArray(siaes, to: folder.appendingPathComponent("siaes.json"))
        return WrittenSnapshot(structures: records.count, services: 0, ignoredLines: 0,
                               files: ["emplois-de-linclusion/organisations.json", "emplois-de-linclusion/siaes.json"])
    }

    private func object(_ record: SourceRecord, kind: String, isEmployer: Bool, using random: inout SeededRandom) -> JSONValue {
        let siret = record.siret ?? (isEmployer ? "" : "00000000000000")
        let description: String
        let draw = random.unit()
        if draw < Rates.dashDescription {
            description = "-"
        } else if draw < Rates.dashDescription + Rates.emptyDescription {
            description = ""
        } else {
            description = ServiceCatalog.summary(for: record.organisation.kind)
        }
        let decimals = random.integer(in: 4...6)
        let latitude: JSONValue, longitude: JSONValue
        if let location = record.location {
            latitude = .number(location.latitude, decimals: decimals)
            longitude = .number(location.longitude, decimals: decimals)
        } else if random.chance(Rates.zeroForUnknownCoordinates) {
            latitude = .integer(0)
            longitude = .integer(0)
        } else {
            latitude = .null
            longitude = .null
        }
        let page = isEmployer ? "company" : "prescribers"
        let updated = random.chance(Rates.dateWithoutTime) ? record.updated.iso : SnapshotFiles.localDateTime(record.updated, fraction: 6, using: &random)
        return .object([
            ("id", .string(record.nativeID)),
            ("kind", .string(kind)),
            ("nom", .string(record.name)),
            ("siret", .string(siret)),
            ("description", .string(description)),
            ("adresse", .string(record.streetLine ?? "")),
            ("complement_adresse", record.complement.map(JSONValue.string) ?? (random.chance(GenerationRates.Formats.Dora.emptyStringForMissing) ? .string("") : .null)),
            ("code_postal", .string(record.postalCode)),
            ("commune", .string(record.locality)),
            ("latitude", latitude),
            ("longitude", longitude),
            ("telephone", .string(record.phone ?? "")),
            ("courriel", .string(record.email ?? "")),
            ("site_web", .string(record.website ?? "")),
            ("lien_source", .string("https://emplois.inclusion.beta.gouv.fr/\(page)/\(record.nativeID)/card")),
            ("date_maj", .string(updated)),
        ])
    }
}

import Foundation

/// `mediation-numerique/structures.json`: places of the Cartographie nationale
/// (docs/sources/mediation-numerique.md). `pivot` is mostly the placeholder
/// 00000000000000, `courriels` an array or a `|`-joined string; the place's
/// `source` is a regional hub, never dora, fredo or soliguide (those are dropped).
struct MediationNumeriqueWriter: SnapshotWriter {
    let source = GeneratedSource.mediationNumerique
    private typealias Rates = GenerationRates.Formats.MediationNumerique

    private static let hubs = ["Coop", "Hinaura", "Hub Ultra Numérique", "Conseiller Numérique", "France Services", "Les Assembleurs", "La Mednum"]
    private static let services = [
        "Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", "Accès internet et matériel informatique",
        "Compréhension du monde numérique", "Insertion professionnelle via le numérique", "Utilisation sécurisée du numérique",
        "Parentalité et éducation avec le numérique", "Loisirs et créations numériques",
    ]

    func write(_ records: [SourceRecord], to folder: URL, using random: inout SeededRandom) throws -> WrittenSnapshot {
        var places: [JSONValue] = []
        places.reserveCapacity(records.count)
        for record in records { places.append(place(record, using: &random)) }
        try SnapshotFiles.writeJSONArray(places, to: folder.appendingPathComponent("structures.json"))
        // each place is also published as one service
        return WrittenSnapshot(structures: records.count, services: records.count, ignoredLines: 0,
                               files: ["mediation-numerique/structures.json"])
    }

    private func place(_ record: SourceRecord, using random: inout SeededRandom) -> JSONValue {
        let kind = record.organisation.kind
        let decimals = random.integer(in: 4...7)
        let latitude: JSONValue, longitude: JSONValue
        if let location = record.location {
            latitude = .number(location.latitude, decimals: decimals)
            longitude = .number(location.longitude, decimals: decimals)
        } else if random.chance(Rates.emptyStringCoordinates) {
            latitude = .string("")
            longitude = .string("")
        } else {
            latitude = .null
            longitude = .null
        }
        let courriels: JSONValue
        if let email = record.email {
            courriels = random.chance(Rates.emailsAsString) ? .string(email) : .strings([email])
        } else {
            courriels = random.chance(Rates.emptyEmailArray) ? .array([]) : .null
        }
        var services = Self.services
        random.shuffle(&services)
        let updated = SnapshotFiles.localDateTime(record.updated, fraction: random.chance(Rates.millisecondsInDate) ? 3 : nil, using: &random)
        let source: JSONValue = random.chance(Rates.noSource) ? .null : .string(random.pick(Self.hubs))
        return .object([
            ("id", .string(record.nativeID)),
            ("pivot", .string(record.siret ?? "00000000000000")),
            ("nom", .string(record.name)),
            ("adresse", .object([
                ("numero_voie", record.number.map(JSONValue.string) ?? .string("")),
                ("repetition", .text(record.repetition)),
                ("nom_voie", .text(record.street)),
                ("code_postal", .string(record.postalCode)),
                ("commune", .string(record.locality)),
                ("code_insee", .text(record.codeInsee)),
            ])),
            ("latitude", latitude),
            ("longitude", longitude),
            ("typologie", .strings(kind.mediationTypologie)),
            ("telephone", .text(record.phone)),
            ("courriels", courriels),
            ("site_web", .text(record.website)),
            ("horaires", random.chance(Rates.openingHours) ? .string(random.pick(DoraWriter.openingHours)) : .null),
            ("presentation_resume", .string(ServiceCatalog.summary(for: kind))),
            ("presentation_detail", .null),
            ("source", source),
            ("itinerance", .array([])),
            // the dataset's local time without offset
            ("date_maj", .string(String(updated.dropLast(6)))),
            ("services", .strings(Array(services.prefix(random.integer(in: 1...4))))),
            ("publics_specifiquement_adresses", .array([])),
            ("prise_en_charge_specifique", .array([])),
            ("frais_a_charge", .strings([random.chance(Rates.freeOfCharge) ? "Gratuit" : "Gratuit sous condition"])),
            ("dispositif_programmes_nationaux", .strings(kind.mediationProgrammes + (random.chance(Rates.aidantsConnect) ? ["Aidants Connect"] : []))),
            ("formations_labels", .array([])),
            ("autres_formations_labels", .array([])),
            ("modalites_acces", .strings(["Se présenter", "Téléphoner"])),
            ("modalites_accompagnement", .strings(["Accompagnement individuel"])),
            ("prise_rdv", .null),
            ("mediateurs", .array([])),
        ])
    }
}

import Foundation

/// `dora/structures.json` and `dora/services.json`: the API's objects
/// (docs/sources/dora.md), empty strings where DORA leaves a field blank.
struct DoraWriter: SnapshotWriter {
    let source = GeneratedSource.dora
    private typealias Rates = GenerationRates.Formats.Dora

    static let openingHours = [
        "Mo-Fr 09:00-12:00,14:00-17:00", "Mo-Fr 08:30-12:00,13:30-17:30", "Mo,Tu,Th,Fr 09:00-12:00; We 14:00-17:00",
        "Tu,Th 14:00-18:00", "Mo-Fr 09:00-17:00",
    ]

    func write(_ records: [SourceRecord], to folder: URL, using random: inout SeededRandom) throws -> WrittenSnapshot {
        var structures: [JSONValue] = []
        var services: [JSONValue] = []
        structures.reserveCapacity(records.count)
        let profile = GenerationRates.noise(.dora)
        for record in records {
            structures.append(structure(record, using: &random))
            guard random.chance(profile.services) else { continue }
            var templates = ServiceCatalog.templates(for: record.organisation.kind)
            random.shuffle(&templates)
            let count = min(templates.count, random.integer(in: 1...profile.maximumServices))
            for template in templates.prefix(count) {
                services.append(service(template, of: record, using: &random))
            }
        }
        try SnapshotFiles.writeJSONArray(structures, to: folder.appendingPathComponent("structures.json"))
        try SnapshotFiles.writeJSONArray(services, to: folder.appendingPathComponent("services.json"))
        return WrittenSnapshot(structures: records.count, services: services.count, ignoredLines: 0,
                               files: ["dora/structures.json", "dora/services.json"])
    }

    private func structure(_ record: SourceRecord, using random: inout SeededRandom) -> JSONValue {
        let organisation = record.organisation
        // DORA names sometimes end with a stray dot (staging drops it)
        let name = random.chance(Rates.strayFinalDot) ? record.name + "." : record.name
        let slug = ContactDetails.domainLabel(record.name, maximumLength: 40) + "-" + random.hex(count: 4)
        let coordinateDecimals = random.integer(in: 4...6)
        return .object([
            ("id", .string(record.nativeID)),
            ("siret", .string(record.siret ?? "")),
            ("nom", .string(name)),
            ("typologie", .text(organisation.kind.doraTypologie(activity: organisation.activity))),
            ("adresse", .string(record.streetLine ?? "")),
            ("complement_adresse", record.complement.map(JSONValue.string) ?? (random.chance(Rates.emptyStringForMissing) ? .string("") : .null)),
            ("code_postal", .string(record.postalCode)),
            ("code_insee", .string(random.chance(Rates.codeInseeGiven) ? record.codeInsee ?? "" : "")),
            ("commune", .string(record.locality)),
            ("latitude", record.location.map { .number($0.latitude, decimals: coordinateDecimals) } ?? .null),
            ("longitude", record.location.map { .number($0.longitude, decimals: coordinateDecimals) } ?? .null),
            ("telephone", .string(record.phone ?? "")),
            ("courriel", .string(record.email ?? "")),
            ("site_web", .string(record.website ?? "")),
            ("lien_source", .string("https://dora.inclusion.gouv.fr/structures/\(slug)")),
            ("horaires_ouverture", random.chance(Rates.openingHours) ? .string(random.pick(Self.openingHours)) : .string("")),
            ("accessibilite", .null),
            ("presentation_resume", .string(ServiceCatalog.summary(for: organisation.kind))),
            ("presentation_detail", random.chance(Rates.detailedPresentation) ? .string("<p>\(ServiceCatalog.summary(for: organisation.kind))</p>") : .string("")),
            ("date_maj", .string(SnapshotFiles.localDateTime(record.updated, fraction: 6, using: &random))),
            ("source", .string("dora")),
            ("labels_nationaux", .strings(organisation.kind.doraLabels(activity: organisation.activity))),
            ("labels_autres", .array([])),
        ])
    }

    private func service(_ template: ServiceCatalog.Template, of record: SourceRecord, using random: inout SeededRandom) -> JSONValue {
        let territory = record.organisation.territory
        let isLocal = random.chance(Rates.serviceZoneCommune)
        let slug = ContactDetails.domainLabel(template.name, maximumLength: 40) + "-" + random.hex(count: 4)
        return .object([
            ("id", .string(random.uuid())),
            ("structure_id", .string(record.nativeID)),
            ("nom", .string(template.name)),
            ("presentation_resume", .string(template.description)),
            ("presentation_detail", .null),
            ("thematiques", .strings(template.thematiques)),
            ("publics", .strings(template.publics)),
            ("types", .strings(template.doraTypes)),
            ("profils", .array([])),
            ("modes_accueil", .strings(random.chance(Rates.serviceInPersonOnly) ? ["en-presentiel"] : ["en-presentiel", "a-distance"])),
            ("pre_requis", .array([])),
            ("justificatifs", .array([])),
            ("modes_orientation_beneficiaire", .strings(["se-presenter", "telephoner"])),
            ("modes_orientation_beneficiaire_autres", .string("")),
            ("modes_orientation_accompagnateur", .strings(["envoyer-un-mail"])),
            ("modes_orientation_accompagnateur_autres", .string("")),
            ("frais", .string("gratuit")),
            ("frais_autres", .string("")),
            ("prise_rdv", .string("")),
            ("formulaire_en_ligne", .string("")),
            ("contact_nom_prenom", .string("")),
            ("contact_public", .bool(true)),
            ("courriel", .string(record.email ?? "")),
            ("telephone", .string(record.phone ?? "")),
            ("zone_diffusion_type", .string(isLocal ? "commune" : "departement")),
            ("zone_diffusion_code", .string(isLocal ? territory.communeCodeInsee : territory.departmentCode)),
            ("zone_diffusion_nom", .string(isLocal ? territory.locality : territory.departmentName)),
            ("temps_passe_semaines", .null),
            ("temps_passe_duree_hebdomadaire", .null),
            ("recurrence", .string("")),
            ("publics_precisions", .string("")),
            ("lien_source", .string("https://dora.inclusion.gouv.fr/services/\(slug)")),
            ("date_maj", .string(SnapshotFiles.localDateTime(record.updated, fraction: 6, using: &random))),
            ("source", .string("dora")),
            ("adresse", .string(record.streetLine ?? "")),
            ("complement_adresse", .string(record.complement ?? "")),
            ("code_postal", .string(record.postalCode)),
            ("code_insee", .string(record.codeInsee ?? "")),
            ("commune", .string(record.locality)),
            ("latitude", record.location.map { .number($0.latitude, decimals: 6) } ?? .null),
            ("longitude", record.location.map { .number($0.longitude, decimals: 6) } ?? .null),
        ])
    }
}

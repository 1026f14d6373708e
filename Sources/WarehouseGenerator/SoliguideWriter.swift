import Foundation

/// `soliguide/lieux.json`: Soliguide's place objects (docs/sources/soliguide.md)
/// with their services nested in `services_all`. No place claims DORA as its
/// origin, is outside France, or shares a service id with another place: the
/// staging would drop it, and every generated record must reach the marts.
struct SoliguideWriter: SnapshotWriter {
    let source = GeneratedSource.soliguide
    private typealias Rates = GenerationRates.Formats.Soliguide

    private static let days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    func write(_ records: [SourceRecord], to folder: URL, using random: inout SeededRandom) throws -> WrittenSnapshot {
        var places: [JSONValue] = []
        var serviceCount = 0
        places.reserveCapacity(records.count)
        let profile = GenerationRates.noise(.soliguide)
        for record in records {
            var templates = ServiceCatalog.templates(for: record.organisation.kind)
            random.shuffle(&templates)
            let count = random.chance(profile.services) ? min(templates.count, random.integer(in: 1...profile.maximumServices)) : 0
            serviceCount += count
            places.append(place(record, services: Array(templates.prefix(count)), using: &random))
        }
        try SnapshotFiles.writeJSONArray(places, to: folder.appendingPathComponent("lieux.json"))
        return WrittenSnapshot(structures: records.count, services: serviceCount, ignoredLines: 0, files: ["soliguide/lieux.json"])
    }

    private func place(_ record: SourceRecord, services: [ServiceCatalog.Template], using random: inout SeededRandom) -> JSONValue {
        let organisation = record.organisation
        let territory = organisation.territory
        let hours = weekHours(using: &random)
        let location = record.location ?? territory.centroid
        let addressLabel = record.streetLine.map { "\($0), \(record.postalCode) \(record.locality)" } ?? ""
        var phones: [JSONValue] = []
        if let phone = record.phone {
            phones.append(phoneObject(label: random.chance(Rates.accueilPhoneLabel) ? "Accueil" : "", number: phone))
            if random.chance(Rates.secondPhone) {
                let other = ContactDetails.formatted(ContactDetails.phone(for: territory, using: &random), as: .spaced,
                                                     departmentCode: territory.departmentCode)
                phones.append(phoneObject(label: "Secrétariat", number: other))
            }
        }
        let sources: [JSONValue] = organisation.kind.soliguideSourceName.map { [.object([("name", .string($0)), ("isOrigin", .bool(false))])] } ?? []
        let created = SnapshotFiles.utcDateTime(CalendarDay(daysSinceEpoch: record.updated.daysSinceEpoch - random.integer(in: 30...900)), using: &random)
        return .object([
            ("_id", .string(random.hex(count: 24))),
            ("lieu_id", .integer(Int(record.nativeID)!)),
            ("name", .string(record.name)),
            ("description", .string("<p>\(ServiceCatalog.summary(for: organisation.kind))</p>")),
            ("seo_url", .string("\(ContactDetails.domainLabel(record.name, maximumLength: 50))-\(ContactDetails.slug(record.locality))-\(record.nativeID)")),
            ("updatedAt", .string(SnapshotFiles.utcDateTime(record.updated, using: &random))),
            ("position", .object([
                ("address", .string(addressLabel)),
                ("additionalInformation", .string(record.complement ?? "")),
                ("city", .string(record.locality)),
                ("postalCode", .string(record.postalCode)),
                ("cityCode", .string(record.codeInsee ?? "")),
                ("department", .string(territory.departmentName)),
                ("departmentCode", .string(territory.departmentCode)),
                ("country", .string("fr")),
                ("region", .string("")),
                ("location", .object([
                    ("type", .string("Point")),
                    ("coordinates", .array([.number(location.longitude, decimals: 7), .number(location.latitude, decimals: 7)])),
                ])),
                ("timeZone", .string(territory.departmentCode == "974" ? "Indian/Reunion" : "Europe/Paris")),
            ])),
            ("entity", .object([
                ("mail", .string(record.email ?? "")),
                ("website", .string(record.website ?? "")),
                ("facebook", .string("")),
                ("fax", .string("")),
                ("phones", .array(phones)),
            ])),
            ("publics", Self.publics),
            ("modalities", Self.modalities(inconditionnel: organisation.kind != .cmp && organisation.kind != .chrs)),
            ("tempInfos", Self.tempInfos),
            ("newhours", hours),
            ("sources", .array(sources)),
            ("country", .string("fr")),
            ("languages", .strings(["fr"])),
            ("status", .string("ONLINE")),
            ("services_all", .array(services.map { service($0, hours: hours, created: created, using: &random) })),
        ])
    }

    private func phoneObject(label: String, number: String) -> JSONValue {
        .object([("label", .string(label)), ("phoneNumber", .string(number)), ("countryCode", .string("fr")),
                 ("isSpecialPhoneNumber", .bool(false))])
    }

    private func service(_ template: ServiceCatalog.Template, hours: JSONValue, created: String, using random: inout SeededRandom) -> JSONValue {
        .object([
            ("serviceObjectId", .string(random.hex(count: 24))),
            ("category", .string(template.soliguideCategory)),
            ("description", .string(template.description)),
            ("hours", hours),
            ("differentHours", .bool(false)),
            ("close", .object([("actif", .bool(false)), ("dateDebut", .null), ("dateFin", .null)])),
            ("saturated", .object([("status", .string(random.pick(["LOW", "LOW", "MODERATE", "HIGH"]))), ("precision", .null)])),
            ("modalities", Self.modalities(inconditionnel: true)),
            ("differentModalities", .bool(false)),
            ("publics", Self.publics),
            ("differentPublics", .bool(false)),
            ("isOpenToday", .bool(true)),
            ("createdAt", .string(created)),
        ])
    }

    /// Opening hours: weekdays with one or two slots (HHMM integers), weekend closed.
    private func weekHours(using random: inout SeededRandom) -> JSONValue {
        let slots: [(Int, Int)] = random.chance(Rates.twoSlotsPerDay) ? [(900, 1200), (1400, 1700)] : [(random.pick([830, 900, 930]), random.pick([1200, 1230, 1700]))]
        let closedDay = random.chance(Rates.closedWeekday) ? random.integer(in: 0...4) : -1
        var members: [(String, JSONValue)] = []
        for (index, day) in Self.days.enumerated() {
            let open = index < 5 && index != closedDay
            let timeslots: [JSONValue] = open ? slots.map { .object([("start", .integer($0.0)), ("end", .integer($0.1))]) } : []
            members.append((day, .object([("open", .bool(open)), ("timeslot", .array(timeslots))])))
        }
        members.append(("description", .string("")))
        members.append(("closedHolidays", .string(random.pick(["CLOSED", "CLOSED", "UNKNOWN"]))))
        return .object(members)
    }

    /// Unconditional reception: every value of every public dimension.
    private static let publics: JSONValue = .object([
        ("accueil", .integer(0)),
        ("age", .object([("min", .integer(0)), ("max", .integer(99))])),
        ("description", .null),
        ("administrative", .strings(["regular", "asylum", "refugee", "undocumented"])),
        ("familialle", .strings(["isolated", "family", "couple", "pregnant"])),
        ("gender", .strings(["men", "women"])),
        ("other", .strings(["violence", "addiction", "handicap", "lgbt", "hiv", "prostitution", "prison", "student", "mentalHealth"])),
    ])

    private static func modalities(inconditionnel: Bool) -> JSONValue {
        let unchecked: JSONValue = .object([("checked", .bool(false)), ("precisions", .null)])
        return .object([
            ("inconditionnel", .bool(inconditionnel)),
            ("appointment", unchecked),
            ("inscription", unchecked),
            ("orientation", inconditionnel ? unchecked : .object([("checked", .bool(true)), ("precisions", .string("Sur orientation d'un travailleur social"))])),
            ("price", unchecked),
            ("animal", .object([("checked", .bool(false))])),
            ("pmr", .object([("checked", .bool(true))])),
            ("other", .null),
            ("docs", .array([])),
        ])
    }

    private static let tempInfos: JSONValue = .object([
        ("closure", .object([("actif", .bool(false)), ("dateDebut", .null), ("dateFin", .null), ("description", .null)])),
        ("hours", .object([("actif", .bool(false)), ("dateDebut", .null), ("dateFin", .null), ("description", .null), ("hours", .null)])),
        ("message", .object([("actif", .bool(false)), ("dateDebut", .null), ("dateFin", .null), ("description", .null), ("name", .null)])),
    ])
}

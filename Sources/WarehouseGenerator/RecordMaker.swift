import Foundation

/// Decides in which sources an organisation is listed (and whether twice in
/// one), and makes each listing a noisy copy according to that source's
/// NoiseProfile.
struct RecordMaker {
    private var random: SeededRandom
    private var identifiers: NativeIdentifiers
    private let oldestUpdate: CalendarDay
    private let newestUpdate: CalendarDay

    init(seed: UInt64) {
        random = SeededRandom(seed: seed, stream: "noise")
        identifiers = NativeIdentifiers(seed: seed)
        oldestUpdate = CalendarDay(year: GenerationRates.oldestUpdate.year, month: GenerationRates.oldestUpdate.month,
                                   day: GenerationRates.oldestUpdate.day)
        newestUpdate = CalendarDay(year: GenerationRates.newestUpdate.year, month: GenerationRates.newestUpdate.month,
                                   day: GenerationRates.newestUpdate.day)
    }

    /// Every record of `organisation`, in source order; empty when no source lists it.
    mutating func records(for organisation: Organisation) -> [SourceRecord] {
        var sources = GenerationRates.presence(organisation.kind).filter { random.chance($0.1) }.map(\.0)
        while sources.count > GenerationRates.maximumSourcesPerOrganisation {
            sources.remove(at: random.integer(in: 0...(sources.count - 1)))
        }
        var records: [SourceRecord] = []
        for source in sources {
            records.append(copy(organisation, in: source, duplicate: false))
            if random.chance(GenerationRates.noise(source).withinSourceDuplicate) {
                records.append(copy(organisation, in: source, duplicate: true))
            }
        }
        return records
    }

    private mutating func copy(_ organisation: Organisation, in source: GeneratedSource, duplicate: Bool) -> SourceRecord {
        let noise = GenerationRates.noise(source)
        let territory = organisation.territory

        // name
        var name = random.chance(noise.officialName)
            ? organisation.officialName
            : random.pick(weighted: organisation.names.map { ($0.text, $0.weight) })
        let upper = random.chance(noise.upperCase)
        if upper {
            name = name.uppercased()
        } else if random.chance(noise.lowerCase) {
            name = name.lowercased()
        }
        if random.chance(noise.accentsDropped) { name = TextNoise.withoutAccents(name) }
        if random.chance(noise.typo) { name = TextNoise.typo(name, using: &random) }

        // address
        let address = organisation.address
        var street = address.street, number = address.number, repetition = address.repetition
        var complement = random.chance(noise.complementKept) ? address.complement : nil
        if random.chance(noise.addressMissing) {
            street = nil
            number = nil
            repetition = nil
            complement = nil
        }
        if var typed = street {
            if random.chance(noise.abbreviations) { typed = TextNoise.abbreviated(typed) }
            if random.chance(noise.hyphenation) { typed = TextNoise.rehyphenated(typed) }
            if source == .soliguide, random.chance(GenerationRates.CommonNoise.soliguideCapitalisedStreetType) { typed = TextNoise.capitalisedStreetType(typed) }
            if upper, source == .emploisDeLinclusion { typed = typed.uppercased() }
            street = typed
        }
        var postalCode = address.postalCode
        if organisation.kind == .mairie, territory.townHall.isCedex, random.chance(GenerationRates.CommonNoise.cedexTownHallOrdinaryCode) {
            postalCode = territory.postalCodes[0]
        } else if territory.postalCodes.count > 1, random.chance(noise.otherPostalCode) {
            postalCode = random.pick(territory.postalCodes)
        }
        var locality = address.locality
        if random.chance(noise.accentsDropped) { locality = TextNoise.withoutAccents(locality) }
        if random.chance(noise.abbreviations / 2) { locality = TextNoise.abbreviated(locality) }
        if random.chance(noise.hyphenation / 3) { locality = locality.replacingOccurrences(of: "-", with: " ") }
        if upper, source == .emploisDeLinclusion { locality = locality.uppercased() }
        // registers name an arrondissement's establishments after the city's code half the time
        let codeInsee = territory.parentCodeInsee != nil && random.chance(GenerationRates.CommonNoise.arrondissementCityCode) ? territory.parentCodeInsee! : address.codeInsee

        // coordinates
        var location: GeoPoint?
        let draw = random.unit()
        if draw < noise.coordinatesSwapped {
            location = GeoPoint(latitude: organisation.location.longitude, longitude: organisation.location.latitude)
        } else if draw < noise.coordinatesSwapped + noise.coordinatesMissing {
            location = nil
        } else if draw < noise.coordinatesSwapped + noise.coordinatesMissing + noise.coordinatesCentroid {
            location = territory.centroid
        } else if draw < noise.coordinatesSwapped + noise.coordinatesMissing + noise.coordinatesCentroid + noise.coordinatesJittered {
            let metres = random.uniform(GenerationRates.jitterMetres.lowerBound, GenerationRates.jitterMetres.upperBound)
            location = organisation.location.moved(metres: metres, bearing: random.uniform(0, 2 * .pi))
        } else {
            location = organisation.location
        }

        // contacts
        var phoneDigits = organisation.phoneDigits
        if random.chance(noise.phoneMissing) {
            phoneDigits = nil
        } else if random.chance(noise.otherPhone) {
            phoneDigits = ContactDetails.phone(for: territory, using: &random)
        }
        let format = random.pick(weighted: GenerationRates.phoneFormats)
        let phone = phoneDigits.map { ContactDetails.formatted($0, as: format, departmentCode: territory.departmentCode) }
        var email = organisation.email
        if random.chance(noise.emailMissing) {
            email = nil
        } else if let known = email, random.chance(noise.otherEmail) {
            email = ContactDetails.otherEmail(for: known, using: &random)
        }
        if let known = email, random.chance(GenerationRates.CommonNoise.emailUpperCase) { email = known.uppercased() }
        var website = random.chance(noise.websiteMissing) ? nil : organisation.website
        if let known = website {
            if random.chance(GenerationRates.CommonNoise.websiteWithoutScheme), let schemeEnd = known.range(of: "://") {
                website = String(known[schemeEnd.upperBound...])
            } else if random.chance(GenerationRates.CommonNoise.websiteFinalSlashToggled) {
                website = known.hasSuffix("/") ? String(known.dropLast()) : known + "/"
            }
        }
        var siret = random.chance(noise.siretMissing) ? nil : organisation.siret
        if let known = siret, random.chance(noise.siretWrongDigit) { siret = Siret.withWrongDigit(known, using: &random) }

        let span = Double(newestUpdate.daysSinceEpoch - oldestUpdate.daysSinceEpoch)
        let age = span * pow(random.unit(), GenerationRates.updateRecencyExponent)
        let updated = CalendarDay(daysSinceEpoch: newestUpdate.daysSinceEpoch - Int(age))

        return SourceRecord(
            organisation: organisation, source: source, nativeID: identifiers.next(for: source, organisation: organisation),
            isWithinSourceDuplicate: duplicate, name: name, number: number, repetition: repetition, street: street,
            complement: complement, postalCode: postalCode, locality: locality, codeInsee: codeInsee, location: location,
            phoneDigits: phoneDigits, phone: phone, email: email, website: website, siret: siret, updated: updated)
    }
}

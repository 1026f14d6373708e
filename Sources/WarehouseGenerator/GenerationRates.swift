import Foundation

/// Every probability and size the generator uses, in one place; docs/generate.md
/// gives the same table. The rates are estimates from the producers' public
/// data (how complete each one's records usually are), not measurements:
/// change them here, never inline.
enum GenerationRates {
    // MARK: - Size

    /// Structure records across the five sources for scale 1.
    static let recordsPerScaleUnit = 10_000

    /// Communes are drawn without replacement with a weight of
    /// (population + 50)^exponent: cities come first, villages still come.
    static let populationWeightExponent = 0.6

    /// Fixed reference day for update dates (so a run does not depend on the
    /// clock): dates fall between `oldestUpdate` and `newestUpdate`.
    static let oldestUpdate = (year: 2023, month: 1, day: 1)
    static let newestUpdate = (year: 2026, month: 10, day: 31)
    /// Recent updates are more frequent: the age is the span × u^exponent (u uniform).
    static let updateRecencyExponent = 1.6

    // MARK: - Organisations per territory (probability, or mean count)

    enum Bodies {
        /// Communes of 1,500 inhabitants or more must have a CCAS; smaller
        /// ones may keep one (since the 2015 NOTRe law).
        static let ccasFrom1500 = 0.9
        static let ccasBelow1500 = 0.3
        /// A small commune without CCAS may host its intercommunal CIAS.
        static let ciasInSmallCommune = 0.04
        static let franceServicesFrom2000 = 0.3
        static let franceServicesBelow2000 = 0.04
        static let mediathequeFrom1000 = 0.45
        static let mediathequeBelow1000 = 0.08
        static let epicerieSocialeFrom5000 = 0.45
        static let epicerieSocialeFrom1500 = 0.1
        /// A branch of each national network: (from 5,000 inhabitants, from 2,000).
        static let restosDuCoeur = (0.55, 0.12)
        static let secoursPopulaire = (0.5, 0.1)
        static let croixRouge = (0.4, 0.06)
        static let secoursCatholique = (0.4, 0.08)
        static let emmausFrom10000 = 0.12
        /// Centres sociaux and espaces de vie sociale (CAF-accredited): per
        /// inhabitant, plus a chance in towns of 3,000 or more.
        static let centreSocialPerInhabitant = 1.0 / 18_000
        static let centreSocialFrom3000 = 0.15
        /// Day centres for homeless people, in towns of 10,000 or more.
        static let accueilDeJourPerInhabitant = 1.0 / 30_000
        static let accueilDeJourFrom10000 = 0.2
        /// Local solidarity associations: most of what Soliguide lists.
        static let associationPerInhabitant = 1.0 / 4_000
        static let associationFrom1000 = 0.2
        /// Big cities have several centres of Restos du Cœur and of Secours
        /// populaire: one more per this many inhabitants (at most 3 more).
        static let extraBranchPerInhabitants = 120_000
        /// Mean number of SIAE per inhabitant, plus a chance of one in a small town.
        static let siaePerInhabitant = 1.0 / 12_000
        static let siaeInSmallTown = 0.1
        static let chrsPerInhabitant = 1.0 / 50_000
        static let chrsFrom10000 = 0.05
        /// CMP for adults and for children (CMPEA) in towns of 10,000 or more,
        /// plus one sector per this many inhabitants in cities.
        static let cmpAdultsFrom10000 = 0.6
        static let cmpChildrenFrom10000 = 0.45
        static let cmpExtraSectorPerInhabitants = 80_000.0
        static let esatFrom3000 = 0.12
        static let esatBelow3000 = 0.02
        /// A mission locale head office in a town of 10,000 or more when the
        /// département has none with room for antennes, else this chance.
        static let missionLocaleAnotherHeadOffice = 0.25
        /// An antenne in a town of 1,500 or more of a département that has a
        /// mission locale, up to `missionLocaleMaxAntennes` per mission locale.
        static let missionLocaleAntenne = 0.3
        static let missionLocaleMaxAntennes = 8
        /// FINESS establishments outside data·inclusion's scope (EHPAD, SSIAD).
        static let finessOutOfScopeFrom1000 = 0.35
        static let finessOutOfScopePerInhabitant = 1.0 / 20_000
    }

    // MARK: - Shared addresses, phones and numbers (the traps)

    enum Sharing {
        /// The CCAS is in the town hall, with the town hall's phone, on its website.
        static let ccasAtTownHall = 0.65
        static let ccasTownHallPhone = 0.35
        static let ccasTownHallWebsite = 0.5
        static let franceServicesAtTownHall = 0.35
        static let franceServicesRunByCommune = 0.5
        static let mediathequeAtTownHall = 0.1
        static let epicerieAtCcas = 0.2
        /// National-network branches sharing the commune's maison des associations.
        static let networkAtMaisonDesAssociations = 0.15
        /// Antennes report the head office's SIRET (else their own NIC of the same SIREN).
        static let antenneHeadOfficeSiret = 0.85
        static let antenneHeadOfficePhone = 0.5
        static let antenneInFranceServices = 0.2
        /// A CMP reports its hospital's SIRET (else its own NIC).
        static let cmpHospitalSiret = 0.5
        static let cmpChildrenAtAdultsAddress = 0.3
        /// Branches of Restos du Cœur and Secours populaire report the
        /// département association's SIRET; Croix-Rouge and Secours catholique
        /// units have their own NIC of the national SIREN.
        static let networkBranchSiret = 0.8
        /// A body's phone is in the town hall's exchange (same first six digits).
        static let phoneSameExchange = 0.5
        static let mobilePhone = 0.08
        static let noSiret = 0.04
    }

    // MARK: - In which sources an organisation is listed

    /// Probability of a record in each source, per kind (independent draws;
    /// an organisation drawn in no source is not generated).
    static func presence(_ kind: OrganisationKind) -> [(GeneratedSource, Double)] {
        switch kind {
        case .mairie: return [(.dora, 0.2), (.soliguide, 0.12), (.mediationNumerique, 0.4)]
        case .ccas: return [(.dora, 0.55), (.emploisDeLinclusion, 0.55), (.soliguide, 0.3), (.mediationNumerique, 0.05)]
        case .cias: return [(.dora, 0.5), (.emploisDeLinclusion, 0.5), (.soliguide, 0.2)]
        case .franceServices: return [(.dora, 0.6), (.emploisDeLinclusion, 0.15), (.soliguide, 0.15), (.mediationNumerique, 0.7)]
        case .mediatheque: return [(.dora, 0.1), (.soliguide, 0.05), (.mediationNumerique, 0.8)]
        case .epicerieSociale: return [(.dora, 0.35), (.soliguide, 0.85)]
        case .missionLocale, .missionLocaleAntenne:
            return [(.dora, 0.65), (.emploisDeLinclusion, 0.7), (.soliguide, 0.25), (.mediationNumerique, 0.1)]
        case .restosDuCoeur, .secoursPopulaire, .secoursCatholique:
            return [(.dora, 0.3), (.emploisDeLinclusion, 0.03), (.soliguide, 0.85)]
        case .croixRouge: return [(.dora, 0.3), (.emploisDeLinclusion, 0.05), (.soliguide, 0.8), (.mediationNumerique, 0.1)]
        case .emmaus: return [(.dora, 0.3), (.emploisDeLinclusion, 0.3), (.soliguide, 0.7), (.mediationNumerique, 0.1)]
        case .centreSocial: return [(.dora, 0.45), (.emploisDeLinclusion, 0.05), (.soliguide, 0.4), (.mediationNumerique, 0.3)]
        case .accueilDeJour: return [(.dora, 0.3), (.emploisDeLinclusion, 0.1), (.soliguide, 0.9)]
        case .associationSolidarite: return [(.dora, 0.25), (.emploisDeLinclusion, 0.03), (.soliguide, 0.8), (.mediationNumerique, 0.03)]
        case .siae: return [(.dora, 0.3), (.emploisDeLinclusion, 0.97), (.soliguide, 0.1), (.mediationNumerique, 0.02)]
        case .chrs: return [(.dora, 0.35), (.emploisDeLinclusion, 0.6), (.soliguide, 0.6)]
        case .cmp: return [(.dora, 0.1), (.soliguide, 0.25), (.finess, 1)]
        case .esat: return [(.dora, 0.25), (.soliguide, 0.02), (.finess, 1)]
        case .mdph: return [(.dora, 0.55), (.soliguide, 0.2), (.mediationNumerique, 0.05), (.finess, 1)]
        case .finessOutOfScope: return [(.finess, 1)]
        }
    }

    /// No organisation is copied into more than this many sources.
    static let maximumSourcesPerOrganisation = 4

    // MARK: - Noise per copy, per source

    struct NoiseProfile {
        /// The official name rather than another usual one.
        let officialName: Double
        let upperCase: Double
        let lowerCase: Double
        let accentsDropped: Double
        /// One character inserted, deleted, replaced or two swapped.
        let typo: Double
        /// Street types abbreviated (rue → r., avenue → av., saint → st…).
        let abbreviations: Double
        /// Hyphens of street and commune names written as spaces or the reverse.
        let hyphenation: Double
        /// No street line at all (the record keeps only its commune).
        let addressMissing: Double
        let complementKept: Double
        /// Another of the commune's postal codes (a CEDEX one → the ordinary one half the time).
        let otherPostalCode: Double
        let phoneMissing: Double
        /// Another line of the organisation (a direct line, a mobile).
        let otherPhone: Double
        let emailMissing: Double
        /// Another address of the organisation (a person's, a department's).
        let otherEmail: Double
        let websiteMissing: Double
        let siretMissing: Double
        let siretWrongDigit: Double
        /// Coordinates: exact, moved by tens of metres, the commune's centroid,
        /// missing, latitude and longitude swapped (the rest of the mass is exact).
        let coordinatesJittered: Double
        let coordinatesCentroid: Double
        let coordinatesMissing: Double
        let coordinatesSwapped: Double
        /// The same organisation listed a second time in the same source.
        let withinSourceDuplicate: Double
        /// Share of structures that publish services, and how many (1 … max).
        let services: Double
        let maximumServices: Int
    }

    static func noise(_ source: GeneratedSource) -> NoiseProfile {
        switch source {
        case .dora:
            // forms filled by the structures' staff; SIRET required at creation
            return NoiseProfile(
                officialName: 0.45, upperCase: 0.05, lowerCase: 0.02, accentsDropped: 0.08, typo: 0.04,
                abbreviations: 0.25, hyphenation: 0.3, addressMissing: 0.03, complementKept: 0.5, otherPostalCode: 0.03,
                phoneMissing: 0.15, otherPhone: 0.08, emailMissing: 0.2, otherEmail: 0.1, websiteMissing: 0.45,
                siretMissing: 0.04, siretWrongDigit: 0.01,
                coordinatesJittered: 0.3, coordinatesCentroid: 0.07, coordinatesMissing: 0.08, coordinatesSwapped: 0.003,
                withinSourceDuplicate: 0.035, services: 0.55, maximumServices: 3)
        case .emploisDeLinclusion:
            // names from SIRENE (often upper case), placeholder SIRET for prescribers, 0 for unknown coordinates
            return NoiseProfile(
                officialName: 0.6, upperCase: 0.3, lowerCase: 0.01, accentsDropped: 0.2, typo: 0.03,
                abbreviations: 0.35, hyphenation: 0.3, addressMissing: 0.04, complementKept: 0.4, otherPostalCode: 0.03,
                phoneMissing: 0.25, otherPhone: 0.1, emailMissing: 0.35, otherEmail: 0.15, websiteMissing: 0.6,
                siretMissing: 0.15, siretWrongDigit: 0.01,
                coordinatesJittered: 0.35, coordinatesCentroid: 0.1, coordinatesMissing: 0.2, coordinatesSwapped: 0.003,
                withinSourceDuplicate: 0.03, services: 0, maximumServices: 0)
        case .soliguide:
            // written by Solinum's team, geocoded addresses, no SIRET
            return NoiseProfile(
                officialName: 0.35, upperCase: 0.03, lowerCase: 0.02, accentsDropped: 0.05, typo: 0.05,
                abbreviations: 0.15, hyphenation: 0.4, addressMissing: 0.01, complementKept: 0.4, otherPostalCode: 0.02,
                phoneMissing: 0.2, otherPhone: 0.1, emailMissing: 0.45, otherEmail: 0.1, websiteMissing: 0.6,
                siretMissing: 1, siretWrongDigit: 0,
                coordinatesJittered: 0.3, coordinatesCentroid: 0.1, coordinatesMissing: 0, coordinatesSwapped: 0,
                withinSourceDuplicate: 0.03, services: 0.95, maximumServices: 3)
        case .mediationNumerique:
            // aggregated from regional hubs; `pivot` is mostly the placeholder
            return NoiseProfile(
                officialName: 0.4, upperCase: 0.04, lowerCase: 0.02, accentsDropped: 0.06, typo: 0.04,
                abbreviations: 0.2, hyphenation: 0.3, addressMissing: 0.01, complementKept: 0, otherPostalCode: 0.02,
                phoneMissing: 0.3, otherPhone: 0.1, emailMissing: 0.3, otherEmail: 0.1, websiteMissing: 0.5,
                siretMissing: 0.8, siretWrongDigit: 0.01,
                coordinatesJittered: 0.3, coordinatesCentroid: 0.1, coordinatesMissing: 0.1, coordinatesSwapped: 0.003,
                withinSourceDuplicate: 0.05, services: 0, maximumServices: 0)
        case .finess:
            // an administrative register: upper case without accents, no coordinates published; the
            // writer codes street types itself (R, AV, BD…), so no abbreviation or hyphen noise here
            return NoiseProfile(
                officialName: 1, upperCase: 1, lowerCase: 0, accentsDropped: 1, typo: 0.01,
                abbreviations: 0, hyphenation: 0, addressMissing: 0.01, complementKept: 0.3, otherPostalCode: 0.01,
                phoneMissing: 0.1, otherPhone: 0.05, emailMissing: 1, otherEmail: 0, websiteMissing: 1,
                siretMissing: 0.12, siretWrongDigit: 0.005,
                coordinatesJittered: 0, coordinatesCentroid: 0, coordinatesMissing: 1, coordinatesSwapped: 0,
                withinSourceDuplicate: 0, services: 0, maximumServices: 0)
        }
    }

    /// Jittered coordinates move by this many metres (uniform).
    static let jitterMetres = 10.0...80.0
    /// A body at the town hall's address sits this close to the town hall's point.
    static let sameBuildingMetres = 0.0...8.0

    /// How a phone is typed, with its frequency (spaces, none, dots, +33, dashes).
    static let phoneFormats: [(PhoneFormat, Double)] = [
        (.spaced, 0.5), (.compact, 0.2), (.dotted, 0.1), (.international, 0.1), (.internationalCompact, 0.05), (.dashed, 0.05),
    ]

    // MARK: - Details of the organisations

    enum Details {
        /// Generated addresses: a street number, a bis/ter, a complement, one
        /// of the commune's other postal codes.
        static let streetNumber = 0.88
        static let numberRepetition = 0.04
        static let addressComplement = 0.15
        static let otherPostalCodeOfCommune = 0.3
        /// Médiathèques named after a person ("Médiathèque Jacques Prévert").
        static let namedMediatheque = 0.5
        /// A médiathèque reports its commune's SIREN (with its own NIC).
        static let mediathequeCommuneSiret = 0.7
        /// An épicerie sociale run by the CCAS reports the CCAS's SIRET.
        static let epicerieRunByCcas = 0.25
        static let epicerieSocialeBelow1500 = 0.01
        /// In cities, an association's name carries its quarter ("Horizon Bellevue").
        static let quarterInCityAssociationName = 0.7
        /// The CCAS's page on the town hall's site rather than the site itself.
        static let ccasTownHallPage = 0.2
        /// An antenne gives the head office's e-mail (else its own mailbox there).
        static let antenneHeadOfficeEmail = 0.7
        /// Out-of-scope FINESS establishments: EHPAD, else SSIAD.
        static let outOfScopeEhpad = 0.75
    }

    /// Share of each kind that has an e-mail address and a website (the town
    /// hall's are the real ones; shared ones are in `Sharing`).
    static func contacts(_ kind: OrganisationKind) -> (email: Double, website: Double) {
        switch kind {
        case .mairie, .missionLocale, .missionLocaleAntenne, .mdph: return (1, 1)
        case .ccas: return (0.8, 0)
        case .cias, .emmaus: return (1, 0.5)
        case .franceServices: return (1, 0.3)
        case .mediatheque: return (0.7, 0.4)
        case .epicerieSociale: return (0.5, 0)
        case .restosDuCoeur, .secoursPopulaire, .croixRouge, .secoursCatholique: return (0.7, 1)
        case .centreSocial, .accueilDeJour, .associationSolidarite, .chrs: return (0.6, 0.3)
        case .siae: return (0.6, 0.4)
        case .cmp: return (0.4, 0.3)
        case .esat: return (0.5, 0)
        case .finessOutOfScope: return (0, 0)
        }
    }

    // MARK: - Noise common to every source

    enum CommonNoise {
        /// Soliguide's geocoder labels capitalise the street type ("12 Rue de la Gare").
        static let soliguideCapitalisedStreetType = 0.6
        /// A record of an arrondissement gives the city's INSEE code.
        static let arrondissementCityCode = 0.5
        /// A copy of a town hall with a CEDEX postal code gives the ordinary code.
        static let cedexTownHallOrdinaryCode = 0.5
        static let emailUpperCase = 0.03
        static let websiteWithoutScheme = 0.15
        static let websiteFinalSlashToggled = 0.2
    }

    // MARK: - How each format writes what it has

    enum Formats {
        enum Dora {
            /// A stray final dot on the name (staging drops it).
            static let strayFinalDot = 0.02
            /// A missing value as "" rather than null.
            static let emptyStringForMissing = 0.5
            static let codeInseeGiven = 0.92
            static let openingHours = 0.35
            static let detailedPresentation = 0.4
            static let serviceInPersonOnly = 0.8
            /// A service's zone is its commune, else its département.
            static let serviceZoneCommune = 0.7
        }

        enum Emplois {
            /// Unknown coordinates written 0 (else null).
            static let zeroForUnknownCoordinates = 0.7
            /// `date_maj` as a date without time.
            static let dateWithoutTime = 0.2
            /// Placeholder descriptions: "-", and empty.
            static let dashDescription = 0.1
            static let emptyDescription = 0.2
        }

        enum Soliguide {
            static let accueilPhoneLabel = 0.7
            static let secondPhone = 0.15
            /// Opening hours with a lunch break, and with one weekday closed.
            static let twoSlotsPerDay = 0.6
            static let closedWeekday = 0.3
        }

        enum MediationNumerique {
            /// Unknown coordinates written "" (else null).
            static let emptyStringCoordinates = 0.3
            /// `courriels` as a string (else an array); no e-mail as [] (else null).
            static let emailsAsString = 0.2
            static let emptyEmailArray = 0.5
            static let millisecondsInDate = 0.5
            /// A place without its hub (`source` null).
            static let noSource = 0.05
            static let openingHours = 0.5
            static let freeOfCharge = 0.85
            static let aidantsConnect = 0.3
        }

        enum Finess {
            /// `rslongue` filled (else only the short `rs`).
            static let longName = 0.85
            static let cedexDelivery = 0.03
            static let fax = 0.4
            static let authorisationDate = 0.5
            /// The extract lists coordinates (`geolocalisation` lines) for most establishments.
            static let geolocalised = 0.9
        }
    }
}

enum PhoneFormat {
    case spaced, compact, dotted, international, internationalCompact, dashed
}

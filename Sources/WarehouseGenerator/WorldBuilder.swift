import Foundation

/// Builds the real organisations of each territory, in the order territories
/// are visited: the town hall, and the bodies that a commune of that size
/// usually has (GenerationRates.Bodies), with the traps of real registers —
/// a CCAS in its town hall with the same phone, antennes of a mission locale
/// reporting the head office's SIRET, network branches sharing a name pattern
/// and the département association's SIRET, CMP reporting their hospital's.
struct WorldBuilder {
    private var random: SeededRandom
    private var entityCounts: [String: Int] = [:]
    private var departments: [String: DepartmentState] = [:]
    private var siretSequences: [String: Int] = [:]
    private var sirenCache: [String: String] = [:]
    /// Proper names already given in the territory being built: two
    /// associations of one town do not share a name.
    private var namesInTerritory: Set<String> = []
    /// Street lines already given in the territory: each generated
    /// organisation has its own building unless it shares one on purpose.
    private var streetLinesInTerritory: Set<String> = []
    /// Every phone given so far: two organisations share a number only on purpose.
    private var phonesInUse: Set<String> = []

    /// What organisations of one département share.
    private struct DepartmentState {
        var hasMdph = false
        var missionLocales: [MissionLocale] = []
        var hospitalDomain: String?
        var hospitalFiness: String?
    }

    private struct MissionLocale {
        let name: String
        let locality: String
        let siren: String
        let siret: String
        let phone: String
        let email: String
        let website: String
        var antennes: Int
    }

    init(seed: UInt64) {
        random = SeededRandom(seed: seed, stream: "world")
    }

    /// The order in which territories are visited: a weighted draw without
    /// replacement (Efraimidis–Spirakis keys), weight (population + 50)^0.6.
    mutating func visitingOrder(_ territories: [Territory]) -> [Territory] {
        let keyed = territories.map { territory -> (Double, Territory) in
            let weight = pow(Double(territory.population) + 50, GenerationRates.populationWeightExponent)
            let draw = max(random.unit(), 1e-300)
            return (log(draw) / weight, territory)
        }
        return keyed.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1.codeInsee < $1.1.codeInsee }.map(\.1)
    }

    // MARK: - One territory

    mutating func organisations(in territory: Territory) -> [Organisation] {
        typealias Rates = GenerationRates.Bodies
        let population = territory.population
        var result: [Organisation] = []
        namesInTerritory.removeAll(keepingCapacity: true)
        streetLinesInTerritory.removeAll(keepingCapacity: true)

        let townHall = makeTownHall(territory)
        result.append(townHall)

        var ccas: Organisation?
        let ccasChance = population >= 1500 ? Rates.ccasFrom1500 : Rates.ccasBelow1500
        // Lyon and Marseille have one CCAS for the whole city (its commune's territory)
        let arrondissementWithoutCcas = territory.isArrondissement && territory.locality != "Paris"
        if !arrondissementWithoutCcas, random.chance(ccasChance) {
            let body = makeCcas(territory, townHall: townHall)
            ccas = body
            result.append(body)
        } else if population < 1500, random.chance(Rates.ciasInSmallCommune) {
            result.append(makeSimpleBody(.cias, territory, mailbox: "cias"))
        }
        if random.chance(population >= 2000 ? Rates.franceServicesFrom2000 : Rates.franceServicesBelow2000) {
            result.append(makeFranceServices(territory, townHall: townHall))
        }
        if random.chance(population >= 1000 ? Rates.mediathequeFrom1000 : Rates.mediathequeBelow1000) {
            result.append(makeMediatheque(territory, townHall: townHall))
        }
        let epicerieChance = population >= 5000 ? Rates.epicerieSocialeFrom5000 : (population >= 1500 ? Rates.epicerieSocialeFrom1500 : GenerationRates.Details.epicerieSocialeBelow1500)
        if random.chance(epicerieChance) {
            result.append(makeEpicerie(territory, ccas: ccas))
        }
        result += makeMissionLocale(territory, franceServices: result.first { $0.kind == .franceServices })

        var maisonDesAssociations: (PostalAddress, GeoPoint)?
        for (kind, rates) in [(OrganisationKind.restosDuCoeur, Rates.restosDuCoeur), (.secoursPopulaire, Rates.secoursPopulaire),
                              (.croixRouge, Rates.croixRouge), (.secoursCatholique, Rates.secoursCatholique)] {
            let chance = population >= 5000 ? rates.0 : (population >= 2000 ? rates.1 : 0)
            guard random.chance(chance) else { continue }
            // Restos du Cœur and Secours populaire run several centres in a city;
            // the Croix-Rouge and the Secours catholique one local unit
            let severalCentres = kind == .restosDuCoeur || kind == .secoursPopulaire
            let branches = severalCentres ? 1 + min(3, population / Rates.extraBranchPerInhabitants) : 1
            for branch in 0..<branches {
                result.append(makeNetworkBranch(kind, territory, numbered: branches > 1 ? branch : nil,
                                                maisonDesAssociations: &maisonDesAssociations))
            }
        }
        if population >= 10_000, random.chance(Rates.emmausFrom10000) {
            result.append(makeSimpleBody(.emmaus, territory, mailbox: "contact"))
        }
        let centres = random.poisson(mean: Double(population) * Rates.centreSocialPerInhabitant)
            + (population >= 3000 && random.chance(Rates.centreSocialFrom3000) ? 1 : 0)
        for _ in 0..<centres { result.append(makeAssociation(.centreSocial, territory)) }
        let dayCentres = random.poisson(mean: Double(population) * Rates.accueilDeJourPerInhabitant)
            + (population >= 10_000 && random.chance(Rates.accueilDeJourFrom10000) ? 1 : 0)
        for _ in 0..<dayCentres { result.append(makeAssociation(.accueilDeJour, territory)) }
        let associations = random.poisson(mean: Double(population) * Rates.associationPerInhabitant)
            + (population >= 1000 && random.chance(Rates.associationFrom1000) ? 1 : 0)
        for _ in 0..<associations { result.append(makeAssociation(.associationSolidarite, territory)) }
        let siaeCount = random.poisson(mean: min(8, Double(population) * Rates.siaePerInhabitant))
            + (population >= 2000 && random.chance(Rates.siaeInSmallTown) ? 1 : 0)
        for _ in 0..<siaeCount { result.append(makeSiae(territory)) }
        let chrsCount = random.poisson(mean: Double(population) * Rates.chrsPerInhabitant)
            + (population >= 10_000 && random.chance(Rates.chrsFrom10000) ? 1 : 0)
        for _ in 0..<chrsCount { result.append(makeChrs(territory)) }
        if population >= 10_000 {
            result += makeCmps(territory)
        }
        if random.chance(population >= 3000 ? Rates.esatFrom3000 : Rates.esatBelow3000) {
            result.append(makeEsat(territory))
        }
        if !departments[territory.departmentCode, default: DepartmentState()].hasMdph {
            departments[territory.departmentCode, default: DepartmentState()].hasMdph = true
            result.append(makeMdph(territory))
        }
        let outOfScope = random.poisson(mean: Double(population) * Rates.finessOutOfScopePerInhabitant)
            + (population >= 1000 && random.chance(Rates.finessOutOfScopeFrom1000) ? 1 : 0)
        for _ in 0..<outOfScope { result.append(makeFinessOutOfScope(territory)) }
        return result
    }

    // MARK: - Kinds

    private mutating func makeTownHall(_ territory: Territory) -> Organisation {
        let hall = territory.townHall
        let parts = hall.streetLine.map(PostalAddress.parts(ofStreetLine:))
        let address = PostalAddress(
            number: parts?.number, repetition: parts?.repetition, street: parts?.street, complement: nil,
            postalCode: hall.postalCode, locality: territory.locality, codeInsee: territory.codeInsee)
        let siren = Siret.communeSiren(codeInsee: territory.communeCodeInsee)
        return make(.mairie, territory, address: address, location: hall.location ?? territory.centroid,
                    phone: hall.phoneDigits, email: hall.email, website: hall.website,
                    siret: noSiret() ? nil : nextSiret(siren))
    }

    private mutating func makeCcas(_ territory: Territory, townHall: Organisation) -> Organisation {
        typealias Sharing = GenerationRates.Sharing
        let (address, location) = random.chance(Sharing.ccasAtTownHall)
            ? sameBuilding(as: townHall)
            : newAddress(territory)
        let phone = random.chance(Sharing.ccasTownHallPhone) ? townHall.phoneDigits : newPhone(territory)
        var website: String?
        if let hallSite = townHall.website {
            let draw = random.unit()
            if draw < Sharing.ccasTownHallWebsite {
                website = hallSite
            } else if draw < Sharing.ccasTownHallWebsite + GenerationRates.Details.ccasTownHallPage {
                website = hallSite.hasSuffix("/") ? hallSite + "solidarite/ccas" : hallSite + "/solidarite/ccas"
            }
        }
        let email = hasEmail(.ccas) ? ContactDetails.communeBodyEmail(mailbox: "ccas", territory: territory, using: &random) : nil
        let siren = cachedSiren("ccas-\(territory.communeCodeInsee)") { random in
            Siret.publicBodySiren(prefix: "26", departmentCode: territory.departmentCode, using: &random)
        }
        return make(.ccas, territory, address: address, location: location, phone: phone, email: email, website: website,
                    siret: noSiret() ? nil : nextSiret(siren))
    }

    private mutating func makeFranceServices(_ territory: Territory, townHall: Organisation) -> Organisation {
        typealias Sharing = GenerationRates.Sharing
        let (address, location) = random.chance(Sharing.franceServicesAtTownHall) ? sameBuilding(as: townHall) : newAddress(territory)
        let siren = random.chance(Sharing.franceServicesRunByCommune)
            ? Siret.communeSiren(codeInsee: territory.communeCodeInsee)
            : Siret.siren("200" + random.digits(count: 5))
        let email = ContactDetails.communeBodyEmail(mailbox: random.pick(["franceservices", "france-services", "fs"]), territory: territory, using: &random)
        return make(.franceServices, territory, address: address, location: location,
                    phone: newPhone(territory), email: email,
                    website: hasWebsite(.franceServices) ? townHall.website : nil, siret: noSiret() ? nil : nextSiret(siren))
    }

    private mutating func makeMediatheque(_ territory: Territory, townHall: Organisation) -> Organisation {
        let (address, location) = random.chance(GenerationRates.Sharing.mediathequeAtTownHall) ? sameBuilding(as: townHall) : newAddress(territory)
        let properName = random.chance(GenerationRates.Details.namedMediatheque) ? random.pick(Vocabulary.personNames) : nil
        let domain = ContactDetails.communeDomain(territory)
        return make(.mediatheque, territory, context: OrganisationNames.Context(properName: properName),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(.mediatheque) ? ContactDetails.communeBodyEmail(mailbox: "mediatheque", territory: territory, using: &random) : nil,
                    website: hasWebsite(.mediatheque) ? domain.map { "https://mediatheque.\($0)" } : nil,
                    siret: random.chance(GenerationRates.Details.mediathequeCommuneSiret) ? nextSiret(Siret.communeSiren(codeInsee: territory.communeCodeInsee)) : nil)
    }

    private mutating func makeEpicerie(_ territory: Territory, ccas: Organisation?) -> Organisation {
        let properName = uniqueName(kind: .epicerieSociale) { $0.pick(Vocabulary.epicerieNames + Vocabulary.associationWords) }
        let (address, location): (PostalAddress, GeoPoint)
        if let ccas, random.chance(GenerationRates.Sharing.epicerieAtCcas) {
            (address, location) = sameBuilding(as: ccas)
        } else {
            (address, location) = newAddress(territory)
        }
        // run by the CCAS, it reports the CCAS's SIRET; else its association's
        let siret = ccas != nil && random.chance(GenerationRates.Details.epicerieRunByCcas) ? ccas!.siret : nextSiret(Siret.privateSiren(using: &random))
        return make(.epicerieSociale, territory, context: OrganisationNames.Context(properName: properName),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(.epicerieSociale) ? "episol.\(ContactDetails.slug(territory.placeName))@gmail.com" : nil,
                    website: nil, siret: siret)
    }

    private mutating func makeMissionLocale(_ territory: Territory, franceServices: Organisation?) -> [Organisation] {
        typealias Rates = GenerationRates.Bodies
        typealias Sharing = GenerationRates.Sharing
        let department = territory.departmentCode
        let missionLocales = departments[department, default: DepartmentState()].missionLocales
        let withRoom = missionLocales.indices.filter { missionLocales[$0].antennes < Rates.missionLocaleMaxAntennes }
        if territory.population >= 10_000, withRoom.isEmpty || random.chance(Rates.missionLocaleAnotherHeadOffice) {
            let place = territory.placeName
            let name = random.pick([
                "Mission locale \(OrganisationNames.de(place))", "Mission locale du Pays \(OrganisationNames.de(place))",
                "Mission locale \(place) \(territory.departmentName)", "Mission locale \(place) Agglomération",
            ])
            let slug = ContactDetails.slug(place)
            let siren = Siret.privateSiren(using: &random)
            let head = MissionLocale(
                name: name, locality: place, siren: siren, siret: nextSiret(siren),
                phone: newPhone(territory), email: "contact@ml-\(slug).fr",
                website: "https://www.ml-\(slug).fr", antennes: 0)
            departments[department, default: DepartmentState()].missionLocales.append(head)
            let (address, location) = newAddress(territory)
            return [make(.missionLocale, territory, context: OrganisationNames.Context(headOfficeName: name),
                         address: address, location: location, phone: head.phone, email: head.email,
                         website: head.website, siret: head.siret)]
        }
        guard territory.population >= 1500, !withRoom.isEmpty, random.chance(Rates.missionLocaleAntenne) else { return [] }
        let index = withRoom[withRoom.count - 1]
        guard missionLocales[index].locality != territory.placeName else { return [] }
        departments[department]!.missionLocales[index].antennes += 1
        let head = departments[department]!.missionLocales[index]
        let (address, location): (PostalAddress, GeoPoint)
        if let franceServices, random.chance(Sharing.antenneInFranceServices) {
            (address, location) = sameBuilding(as: franceServices)
        } else {
            (address, location) = newAddress(territory)
        }
        let email = random.chance(GenerationRates.Details.antenneHeadOfficeEmail) ? head.email : "antenne.\(ContactDetails.slug(territory.placeName))@\(head.email.split(separator: "@")[1])"
        return [make(.missionLocaleAntenne, territory,
                     context: OrganisationNames.Context(headOfficeName: head.name, headOfficeLocality: head.locality),
                     address: address, location: location,
                     phone: random.chance(Sharing.antenneHeadOfficePhone) ? head.phone : newPhone(territory),
                     email: email, website: head.website,
                     siret: random.chance(Sharing.antenneHeadOfficeSiret) ? head.siret : nextSiret(head.siren))]
    }

    private mutating func makeNetworkBranch(_ kind: OrganisationKind, _ territory: Territory, numbered branch: Int?,
                                           maisonDesAssociations: inout (PostalAddress, GeoPoint)?) -> Organisation {
        let department = territory.departmentCode
        let (address, location): (PostalAddress, GeoPoint)
        if branch == nil || branch == 0, random.chance(GenerationRates.Sharing.networkAtMaisonDesAssociations) {
            if maisonDesAssociations == nil {
                var shared = newAddress(territory)
                shared.0.complement = "Maison des associations"
                maisonDesAssociations = shared
            }
            (address, location) = maisonDesAssociations!
        } else {
            (address, location) = newAddress(territory)
        }
        let branchLabel = branch.map { _ in Self.branchLabel(of: address.street ?? "") }
        let place = ContactDetails.slug(territory.placeName)
        let siren: String, email: String, website: String
        switch kind {
        case .restosDuCoeur:
            siren = cachedSiren("restos-\(department)") { Siret.privateSiren(using: &$0) }
            email = "ad\(department.lowercased()).\(place)@restosducoeur.org"
            website = random.pick(["https://www.restosducoeur.org", "https://ad\(department.lowercased()).restosducoeur.org"])
        case .secoursPopulaire:
            siren = cachedSiren("spf-\(department)") { Siret.privateSiren(using: &$0) }
            email = random.pick(["contact@spf\(department.lowercased()).org", "comite.\(place)@spf\(department.lowercased()).org"])
            website = "https://www.secourspopulaire.fr/\(department.lowercased())"
        case .croixRouge:
            siren = "775672272"
            email = "ul.\(place)@croix-rouge.fr"
            website = "https://www.croix-rouge.fr"
        default:
            siren = "775666696"
            email = "\(ContactDetails.slug(territory.departmentName))@secours-catholique.org"
            website = "https://www.secours-catholique.org"
        }
        let sharedSiret = nextSiretOnce(siren, key: "\(kind.rawValue)-\(department)")
        return make(kind, territory, context: OrganisationNames.Context(branchLabel: branchLabel),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(kind) ? email : nil, website: hasWebsite(kind) ? website : nil,
                    siret: noSiret() ? nil : (random.chance(GenerationRates.Sharing.networkBranchSiret) ? sharedSiret : nextSiret(siren)))
    }

    /// "boulevard Gambetta" → "Gambetta", "rue de la Gare" → "Gare": how
    /// two branches of one network in a city are told apart.
    private static func branchLabel(of street: String) -> String {
        var words = street.split(separator: " ").map(String.init).dropFirst()
        while let first = words.first, ["de", "du", "des", "la", "le", "les", "l'"].contains(first.lowercased()) { words = words.dropFirst() }
        let label = words.joined(separator: " ")
        return label.hasPrefix("l'") ? String(label.dropFirst(2)) : (label.isEmpty ? "Centre" : label)
    }

    private mutating func makeSimpleBody(_ kind: OrganisationKind, _ territory: Territory, mailbox: String) -> Organisation {
        let (address, location) = newAddress(territory)
        let slug = ContactDetails.slug(territory.placeName)
        let domain = kind == .emmaus ? "emmaus-\(slug).org" : "cc-\(slug).fr"
        return make(kind, territory, address: address, location: location,
                    phone: newPhone(territory), email: "\(mailbox)@\(domain)",
                    website: hasWebsite(kind) ? "https://www.\(domain)" : nil,
                    siret: noSiret() ? nil : nextSiret(kind == .cias ? Siret.siren("200" + random.digits(count: 5)) : Siret.privateSiren(using: &random)))
    }

    /// An association with a proper name, its own SIRET and contacts.
    private mutating func makeAssociation(_ kind: OrganisationKind, _ territory: Territory) -> Organisation {
        // a word alone in small towns; cities need a quarter to keep names apart, as real ones do
        let properName = uniqueName(kind: kind) { random in
            let word = random.pick(kind == .centreSocial ? Vocabulary.personNames + Vocabulary.associationWords : Vocabulary.associationWords)
            return territory.population >= 20_000 && random.chance(GenerationRates.Details.quarterInCityAssociationName) ? "\(word) \(random.pick(Vocabulary.quarters))" : word
        }
        let (address, location) = newAddress(territory)
        let prefix = kind == .associationSolidarite ? "" : kind.rawValue + " "
        let slug = ContactDetails.domainLabel(prefix + properName + " " + territory.placeName, maximumLength: 63)
        return make(kind, territory, context: OrganisationNames.Context(properName: properName),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(kind) ? random.pick(["contact@\(slug).org", "\(slug)@gmail.com", "\(slug)@orange.fr"]) : nil,
                    website: hasWebsite(kind) ? "https://www.\(slug).org" : nil,
                    siret: noSiret() ? nil : nextSiret(Siret.privateSiren(using: &random)))
    }

    private mutating func makeSiae(_ territory: Territory) -> Organisation {
        let activity = random.pick(weighted: Vocabulary.siaeActivities)
        let name = uniqueName(kind: .siae) { random in
            random.pick(Vocabulary.siaePatterns[activity]!)
                .replacingOccurrences(of: "{w}", with: random.pick(Vocabulary.associationWords))
                .replacingOccurrences(of: "{c}", with: territory.locality)
                .replacingOccurrences(of: "{d}", with: territory.departmentName)
        }
        let (address, location) = newAddress(territory)
        // two "Atelier Horizon" of different towns have different domains
        let slug = ContactDetails.domainLabel(
            name.contains(territory.locality) ? name.replacingOccurrences(of: territory.locality, with: territory.placeName) : "\(name) \(territory.placeName)",
            maximumLength: 63)
        return make(.siae, territory, activity: activity, context: OrganisationNames.Context(properName: name),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(.siae) ? "contact@\(slug).fr" : nil,
                    website: hasWebsite(.siae) ? "https://www.\(slug).fr" : nil,
                    siret: nextSiret(Siret.privateSiren(using: &random)))
    }

    private mutating func makeChrs(_ territory: Territory) -> Organisation {
        let properName = uniqueName(kind: .chrs) { $0.pick(Vocabulary.associationWords) }
        let (address, location) = newAddress(territory)
        let slug = ContactDetails.domainLabel("\(properName) \(territory.placeName)", maximumLength: 63)
        return make(.chrs, territory, context: OrganisationNames.Context(properName: properName),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(.chrs) ? "chrs.\(slug)@\(random.pick(["gmail.com", "orange.fr", "\(slug).org"]))" : nil,
                    website: hasWebsite(.chrs) ? "https://www.\(slug).org" : nil,
                    siret: noSiret() ? nil : nextSiret(Siret.privateSiren(using: &random)))
    }

    private mutating func makeCmps(_ territory: Territory) -> [Organisation] {
        typealias Rates = GenerationRates.Bodies
        let department = territory.departmentCode
        if departments[department, default: DepartmentState()].hospitalDomain == nil {
            departments[department, default: DepartmentState()].hospitalDomain = "ch-\(ContactDetails.slug(territory.locality)).fr"
            departments[department, default: DepartmentState()].hospitalFiness = Self.finessDepartment(department) + "0" + random.digits(count: 6)
        }
        let domain = departments[department]!.hospitalDomain!
        let legalEntity = departments[department]!.hospitalFiness!
        let hospitalSiren = cachedSiren("hospital-\(department)") { Siret.publicBodySiren(prefix: "26", departmentCode: department, using: &$0) }
        let hospitalSiret = nextSiretOnce(hospitalSiren, key: "hospital-\(department)")
        var result: [Organisation] = []
        var adultsAddress: (PostalAddress, GeoPoint)?
        for (audience, chance) in [("adultes", Rates.cmpAdultsFrom10000), ("enfants", Rates.cmpChildrenFrom10000)] {
            let count = (random.chance(chance) ? 1 : 0) + random.poisson(mean: Double(territory.population) / Rates.cmpExtraSectorPerInhabitants)
            for sector in 0..<count {
                let place: (PostalAddress, GeoPoint)
                if audience == "enfants", sector == 0, let adultsAddress, random.chance(GenerationRates.Sharing.cmpChildrenAtAdultsAddress) {
                    place = adultsAddress
                } else {
                    place = newAddress(territory)
                }
                if audience == "adultes", sector == 0 { adultsAddress = place }
                result.append(make(.cmp, territory, activity: audience,
                                   context: OrganisationNames.Context(sector: count > 1 ? sector + 1 : nil),
                                   address: place.0, location: place.1, phone: newPhone(territory),
                                   email: hasEmail(.cmp) ? "cmp.\(audience).\(ContactDetails.slug(territory.placeName))@\(domain)" : nil,
                                   website: hasWebsite(.cmp) ? "https://www.\(domain)" : nil,
                                   siret: random.chance(GenerationRates.Sharing.cmpHospitalSiret) ? hospitalSiret : nextSiret(hospitalSiren),
                                   finessLegalEntity: legalEntity))
            }
        }
        return result
    }

    private mutating func makeEsat(_ territory: Territory) -> Organisation {
        let properName = random.pick(Vocabulary.associationWords)
        let (address, location) = newAddress(territory)
        let slug = ContactDetails.slug(properName)
        return make(.esat, territory, context: OrganisationNames.Context(properName: properName),
                    address: address, location: location, phone: newPhone(territory),
                    email: hasEmail(.esat) ? "esat.\(slug)@\(slug).org" : nil, website: nil,
                    siret: nextSiret(Siret.privateSiren(using: &random)),
                    finessLegalEntity: Self.finessDepartment(territory.departmentCode) + "0" + random.digits(count: 6))
    }

    private mutating func makeMdph(_ territory: Territory) -> Organisation {
        let (address, location) = newAddress(territory)
        let code = territory.departmentCode.lowercased()
        return make(.mdph, territory, address: address, location: location,
                    phone: newPhone(territory), email: "contact@mdph\(code).fr",
                    website: "https://www.mdph\(code).fr",
                    siret: nextSiret(Siret.publicBodySiren(prefix: "13", departmentCode: territory.departmentCode, using: &random)),
                    finessLegalEntity: Self.finessDepartment(territory.departmentCode) + "0" + random.digits(count: 6))
    }

    private mutating func makeFinessOutOfScope(_ territory: Territory) -> Organisation {
        let category = random.chance(GenerationRates.Details.outOfScopeEhpad) ? "500" : "354"
        let (address, location) = newAddress(territory)
        return make(.finessOutOfScope, territory, activity: category,
                    context: OrganisationNames.Context(properName: random.pick(Vocabulary.associationWords)),
                    address: address, location: location, phone: newPhone(territory),
                    email: nil, website: nil, siret: nextSiret(Siret.privateSiren(using: &random)),
                    finessLegalEntity: Self.finessDepartment(territory.departmentCode) + "0" + random.digits(count: 6))
    }

    // MARK: - Building blocks

    private mutating func make(_ kind: OrganisationKind, _ territory: Territory, activity: String? = nil,
                               context: OrganisationNames.Context = OrganisationNames.Context(),
                               address: PostalAddress, location: GeoPoint, phone: String?, email: String?, website: String?,
                               siret: String?, finessLegalEntity: String? = nil) -> Organisation {
        let key = "\(kind.rawValue)-\(territory.codeInsee)"
        let count = entityCounts[key, default: 0] + 1
        entityCounts[key] = count
        return Organisation(
            entity: count == 1 ? key : "\(key)-\(count)", kind: kind, activity: activity,
            names: OrganisationNames.names(kind: kind, activity: activity, territory: territory, context: context),
            address: address, territory: territory, location: location, phoneDigits: phone, email: email,
            website: website, siret: siret, finessLegalEntity: finessLegalEntity)
    }

    /// A proper name not yet used by an organisation of this kind in the
    /// territory (after a few draws, a number tells it apart: "Horizon 2").
    private mutating func uniqueName(kind: OrganisationKind, _ draw: (inout SeededRandom) -> String) -> String {
        for _ in 0..<8 {
            let name = draw(&random)
            if namesInTerritory.insert("\(kind.rawValue)|\(name)").inserted { return name }
        }
        var number = 2
        let name = draw(&random)
        while !namesInTerritory.insert("\(kind.rawValue)|\(name) \(number)").inserted { number += 1 }
        return "\(name) \(number)"
    }

    /// The same address as `other`, a few metres from its point.
    private mutating func sameBuilding(as other: Organisation) -> (PostalAddress, GeoPoint) {
        let metres = random.uniform(GenerationRates.sameBuildingMetres.lowerBound, GenerationRates.sameBuildingMetres.upperBound)
        return (other.address, other.location.moved(metres: metres, bearing: random.uniform(0, 2 * .pi)))
    }

    /// A street of the territory and a point in the built-up area around its centre.
    private mutating func newAddress(_ territory: Territory) -> (PostalAddress, GeoPoint) {
        // longer streets in bigger towns
        let highestNumber = min(300, 40 + territory.population / 1000)
        var address = PostalAddress(number: nil, repetition: nil, street: nil, complement: nil,
                                    postalCode: territory.postalCodes[0], locality: territory.locality, codeInsee: territory.codeInsee)
        for _ in 0..<10 {
            let hasNumber = random.chance(GenerationRates.Details.streetNumber)
            address.street = random.pick(weighted: Vocabulary.streets)
            address.number = hasNumber ? String(random.integer(in: 1...highestNumber)) : nil
            address.repetition = hasNumber && random.chance(GenerationRates.Details.numberRepetition) ? random.pick(["bis", "ter"]) : nil
            if streetLinesInTerritory.insert(address.streetLine!).inserted { break }
        }
        address.complement = random.chance(GenerationRates.Details.addressComplement) ? random.pick(Vocabulary.complements) : nil
        if territory.postalCodes.count > 1, random.chance(GenerationRates.Details.otherPostalCodeOfCommune) { address.postalCode = random.pick(territory.postalCodes) }
        let radius = min(4000, max(300, 25 * Double(territory.population).squareRoot()))
        return (address, territory.centroid.randomPoint(within: radius, using: &random))
    }

    /// A number of the territory that no other organisation has.
    private mutating func newPhone(_ territory: Territory) -> String {
        var phone = ContactDetails.phone(for: territory, using: &random)
        while !phonesInUse.insert(phone).inserted { phone = ContactDetails.phone(for: territory, using: &random) }
        return phone
    }

    private mutating func hasEmail(_ kind: OrganisationKind) -> Bool { random.chance(GenerationRates.contacts(kind).email) }
    private mutating func hasWebsite(_ kind: OrganisationKind) -> Bool { random.chance(GenerationRates.contacts(kind).website) }

    private mutating func noSiret() -> Bool { random.chance(GenerationRates.Sharing.noSiret) }

    /// The next establishment of `siren` (NIC sequences start at a random low number).
    private mutating func nextSiret(_ siren: String) -> String {
        let sequence = siretSequences[siren] ?? random.integer(in: 1...30)
        siretSequences[siren] = sequence + random.integer(in: 1...3)
        return Siret.siret(siren: siren, sequence: sequence)
    }

    /// One SIRET per key (a head office's), the same on every call.
    private mutating func nextSiretOnce(_ siren: String, key: String) -> String {
        if let known = sirenCache["siret-" + key] { return known }
        let siret = nextSiret(siren)
        sirenCache["siret-" + key] = siret
        return siret
    }

    private mutating func cachedSiren(_ key: String, _ make: (inout SeededRandom) -> String) -> String {
        if let known = sirenCache[key] { return known }
        let siren = make(&random)
        sirenCache[key] = siren
        return siren
    }

    /// FINESS writes overseas départements 9A (971) … 9F (976).
    static func finessDepartment(_ code: String) -> String {
        switch code {
        case "971": return "9A"
        case "972": return "9B"
        case "973": return "9C"
        case "974": return "9D"
        case "976": return "9F"
        default: return String(code.prefix(2))
        }
    }
}

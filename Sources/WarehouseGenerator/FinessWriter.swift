import Foundation

/// `finess/etablissements.csv`: the FINESS extract (docs/sources/finess.md) —
/// a banner line, one `structureet` line of 32 `;`-separated columns per
/// establishment (upper case without accents, coded street types), then the
/// `geolocalisation` lines with Lambert 93 coordinates. Establishments outside
/// the published categories (EHPAD, SSIAD) are present as in the real file.
struct FinessWriter: SnapshotWriter {
    let source = GeneratedSource.finess
    private typealias Rates = GenerationRates.Formats.Finess

    private struct Category {
        let code: String, label: String, aggregate: String, aggregateLabel: String, ape: String
    }

    private static let categories: [String: Category] = [
        "156": Category(code: "156", label: "Centre Médico-Psychologique (C.M.P.)", aggregate: "2205",
                        aggregateLabel: "Centres de Santé Mentale", ape: "8610Z"),
        "246": Category(code: "246", label: "Etablissement et Service d'Aide par le Travail (E.S.A.T.)", aggregate: "4301",
                        aggregateLabel: "Etab. et Services de Travail Protégé", ape: "8810C"),
        "609": Category(code: "609", label: "Maisons Départementales des Personnes Handicapées", aggregate: "4602",
                        aggregateLabel: "Autres Etablissements Sociaux", ape: "8899B"),
        "500": Category(code: "500", label: "Etablissement d'hébergement pour personnes âgées dépendantes", aggregate: "4401",
                        aggregateLabel: "Etablissements pour Personnes Agées", ape: "8710A"),
        "354": Category(code: "354", label: "Service de Soins Infirmiers A Domicile", aggregate: "4404",
                        aggregateLabel: "Services de Soins Infirmiers à Domicile", ape: "8810A"),
    ]

    /// Street words and FINESS's street-type codes (seed map_finess__types_voie).
    private static let streetTypes: [String: String] = [
        "rue": "R", "avenue": "AV", "boulevard": "BD", "place": "PL", "route": "RTE", "chemin": "CHE", "allée": "ALL",
        "impasse": "IMP", "quai": "QU", "faubourg": "FG", "square": "SQ", "cours": "CRS", "esplanade": "ESP",
        "passage": "PAS", "promenade": "PROM", "hameau": "HAM", "montée": "MTE", "ruelle": "RLE",
    ]

    /// Long words FINESS shortens in its 38-character `rs`.
    private static let shortenings: [(String, String)] = [
        ("CENTRE MEDICO-PSYCHOLOGIQUE POUR ENFANTS ET ADOLESCENTS", "CMP ENF ADO"),
        ("CENTRE MEDICO-PSYCHOLOGIQUE", "CMP"), ("ETABLISSEMENT ET SERVICE D AIDE PAR LE TRAVAIL", "ESAT"),
        ("MAISON DEPARTEMENTALE DES PERSONNES HANDICAPEES", "MDPH"), ("SERVICE DE SOINS INFIRMIERS A DOMICILE", "SSIAD"),
        ("ENFANTS ET ADOLESCENTS", "ENF ADO"), ("SAINT", "ST"), ("SAINTE", "STE"),
    ]

    func write(_ records: [SourceRecord], to folder: URL, using random: inout SeededRandom) throws -> WrittenSnapshot {
        var lines: [String] = []
        var geolocations: [String] = []
        var published = 0
        let newest = CalendarDay(year: GenerationRates.newestUpdate.year, month: GenerationRates.newestUpdate.month,
                                 day: GenerationRates.newestUpdate.day)
        for record in records {
            lines.append(line(record, using: &random))
            if record.organisation.kind.reachesMarts { published += 1 }
            if random.chance(Rates.geolocalised) {
                let point = record.organisation.location.moved(metres: random.uniform(0, 30), bearing: random.uniform(0, 2 * .pi)).lambert93
                geolocations.append("geolocalisation;\(record.nativeID);\(JSONValue.fixed(point.x, decimals: 1));\(JSONValue.fixed(point.y, decimals: 1));1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;\(record.updated.iso)")
            }
        }
        var text = "finess;etalab;96;\(newest.iso)\n"
        for line in lines + geolocations { text += line + "\n" }
        try SnapshotFiles.write(Array(text.utf8), to: folder.appendingPathComponent("etablissements.csv"))
        return WrittenSnapshot(structures: published, services: records.filter { ["156", "609"].contains(category(of: $0.organisation)) }.count,
                               ignoredLines: records.count - published + geolocations.count, files: ["finess/etablissements.csv"])
    }

    private func category(of organisation: Organisation) -> String {
        switch organisation.kind {
        case .cmp: return "156"
        case .esat: return "246"
        case .mdph: return "609"
        default: return organisation.activity ?? "500"
        }
    }

    private func line(_ record: SourceRecord, using random: inout SeededRandom) -> String {
        let organisation = record.organisation
        let territory = organisation.territory
        let category = Self.categories[category(of: organisation)]!
        // FINESS abbreviates what does not fit its 60 (long) and 38 (short) characters
        var longName = Self.register(record.name)
        var shortName = longName
        for (long, short) in Self.shortenings {
            if longName.count > 60 { longName = longName.replacingOccurrences(of: long, with: short) }
            shortName = shortName.replacingOccurrences(of: long, with: short)
        }
        longName = String(longName.prefix(60)).trimmingCharacters(in: .whitespaces)
        shortName = String(shortName.prefix(38)).trimmingCharacters(in: .whitespaces)

        var streetType = "", streetName = ""
        if let street = record.street {
            let words = street.split(separator: " ", maxSplits: 1).map(String.init)
            if let code = Self.streetTypes[words[0].lowercased()], words.count == 2 {
                streetType = code
                streetName = Self.register(words[1])
            } else {
                streetName = Self.register(street)
            }
        }
        let number = record.street == nil ? "" : (record.number.map { String($0.prefix { $0.isNumber }) } ?? "")
        let numberComplement: String
        switch record.repetition {
        case "bis": numberComplement = "B"
        case "ter": numberComplement = "T"
        default: numberComplement = ""
        }
        let communePart = String(territory.communeCodeInsee.suffix(3))
        let locality = Self.register(record.locality).replacingOccurrences(of: "-", with: " ")
        let delivery = "\(record.postalCode) \(locality)" + (random.chance(Rates.cedexDelivery) ? " CEDEX" : "")
        let isHospital = category.code == "156"
        let opened = CalendarDay(year: random.integer(in: 1975...2020), month: random.integer(in: 1...12), day: random.integer(in: 1...28))
        let columns: [String] = [
            "structureet", record.nativeID, organisation.finessLegalEntity ?? "",
            shortName, random.chance(Rates.longName) ? longName : "", "", "",
            number, streetType, streetName, numberComplement, "",
            communePart, WorldBuilder.finessDepartment(territory.departmentCode), Self.register(territory.departmentName).replacingOccurrences(of: "-", with: " "),
            delivery, record.phoneDigits ?? "", random.chance(Rates.fax) ? ContactDetails.localPrefix(territory) + random.digits(count: 6) : "",
            category.code, category.label, category.aggregate, category.aggregateLabel,
            record.siret ?? "", category.ape,
            isHospital ? "03" : "", isHospital ? "ARS établissements Publics de santé dotation globale" : "",
            isHospital ? "1" : "", isHospital ? "Etablissement public de santé" : "",
            opened.iso, random.chance(Rates.authorisationDate) ? opened.iso : "", record.updated.iso, "",
        ]
        return columns.joined(separator: ";") + ";"
    }

    /// FINESS's text: upper case, no accents, no apostrophes, no `;`.
    private static func register(_ text: String) -> String {
        TextNoise.registerUpperCase(text).replacingOccurrences(of: ";", with: " ")
            .split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            .replacingOccurrences(of: "SAINT ", with: "ST ").replacingOccurrences(of: "SAINT-", with: "ST-")
    }
}

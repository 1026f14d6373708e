import Foundation

/// Reads the real town halls (`mairies.csv`) and communes (`ref_communes.csv`)
/// and joins them into territories; a town hall whose commune is unknown, or
/// whose address has no postal line, is left out.
struct ReferentialReader {
    let mairies: URL
    let communes: URL

    func territories() throws -> [Territory] {
        let communeTable = try CSVTable(contentsOf: communes)
        let communeColumns = try communeTable.columns(
            ["code_insee", "type", "nom", "code_departement", "nom_departement", "code_region",
             "code_commune_parent", "codes_postaux", "population", "latitude", "longitude"], in: communes)
        var communeRows: [String: [String]] = [:]
        for row in communeTable.rows where row.count == communeTable.header.count {
            let type = row[communeColumns["type"]!]
            guard type == "COM" || type == "ARM" else { continue }
            communeRows[row[communeColumns["code_insee"]!]] = row
        }

        let mairieTable = try CSVTable(contentsOf: mairies)
        let mairieColumns = try mairieTable.columns(
            ["code_insee", "adresse", "telephone", "courriel", "site_web", "latitude", "longitude"], in: mairies)
        var territories: [Territory] = []
        territories.reserveCapacity(mairieTable.rows.count)
        for row in mairieTable.rows where row.count == mairieTable.header.count {
            let code = row[mairieColumns["code_insee"]!]
            guard let commune = communeRows[code],
                  let centroid = Self.point(commune[communeColumns["latitude"]!], commune[communeColumns["longitude"]!]),
                  let postal = Self.postalLine(row[mairieColumns["adresse"]!])
            else { continue }
            let isArrondissement = commune[communeColumns["type"]!] == "ARM"
            let officialName = commune[communeColumns["nom"]!]
            let phone = row[mairieColumns["telephone"]!].filter(\.isNumber)
            let townHall = TownHall(
                streetLine: postal.streetLine,
                postalCode: postal.code,
                isCedex: postal.isCedex,
                phoneDigits: phone.isEmpty ? nil : phone,
                email: Self.nonEmpty(row[mairieColumns["courriel"]!]),
                website: Self.nonEmpty(row[mairieColumns["site_web"]!]),
                location: Self.point(row[mairieColumns["latitude"]!], row[mairieColumns["longitude"]!]))
            let postalCodes = commune[communeColumns["codes_postaux"]!].split(separator: "|").map(String.init)
            territories.append(Territory(
                codeInsee: code,
                parentCodeInsee: isArrondissement ? Self.nonEmpty(commune[communeColumns["code_commune_parent"]!]) : nil,
                arrondissementNumber: isArrondissement ? Self.arrondissementNumber(officialName) : nil,
                officialName: officialName,
                locality: postal.locality,
                departmentCode: commune[communeColumns["code_departement"]!],
                departmentName: commune[communeColumns["nom_departement"]!],
                regionCode: commune[communeColumns["code_region"]!],
                postalCodes: postalCodes.isEmpty ? [postal.code] : postalCodes,
                population: Int(commune[communeColumns["population"]!]) ?? 0,
                centroid: centroid,
                townHall: townHall))
        }
        // the referential's order (INSEE codes), whatever the file's
        return territories.sorted { $0.codeInsee < $1.codeInsee }
    }

    /// "119 route de la Fontaine | 01400 L'Abergement-Clémenciat" → street,
    /// postal code, locality without " Cedex 20".
    private static func postalLine(_ address: String) -> (streetLine: String?, code: String, locality: String, isCedex: Bool)? {
        let parts = address.components(separatedBy: " | ")
        guard let last = parts.last else { return nil }
        let trimmed = last.trimmingCharacters(in: .whitespaces)
        let characters = Array(trimmed)
        guard characters.count > 6, characters[0..<5].allSatisfy(\.isNumber), characters[5] == " " else { return nil }
        let code = String(characters[0..<5])
        var locality = String(characters[6...])
        var isCedex = false
        if let cedex = locality.range(of: " cedex", options: .caseInsensitive) {
            locality = String(locality[..<cedex.lowerBound])
            isCedex = true
        }
        let street = parts.count > 1 ? parts[0..<(parts.count - 1)].joined(separator: ", ").trimmingCharacters(in: .whitespaces) : ""
        return (street.isEmpty ? nil : street, code, locality, isCedex)
    }

    /// "Lyon 3e Arrondissement" → 3, "Paris 1er Arrondissement" → 1.
    private static func arrondissementNumber(_ name: String) -> Int? {
        for word in name.split(separator: " ") {
            let digits = word.prefix { $0.isNumber }
            if !digits.isEmpty, let number = Int(digits) { return number }
        }
        return nil
    }

    private static func point(_ latitude: String, _ longitude: String) -> GeoPoint? {
        guard let lat = Double(latitude), let lon = Double(longitude) else { return nil }
        return GeoPoint(latitude: lat, longitude: lon)
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

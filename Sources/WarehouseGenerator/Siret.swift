import Foundation

/// SIREN and SIRET numbers with the Luhn key INSEE gives them, so that a
/// generated SIRET passes `siret_is_valid` and a one-digit error does not.
enum Siret {
    /// The digit that makes `digits + key` Luhn-valid.
    static func luhnKey(for digits: String) -> Character {
        // counted from the right of the completed number: the key is position 1,
        // so the last given digit is doubled
        var sum = 0
        for (offset, character) in digits.reversed().enumerated() {
            var value = Int(String(character))!
            if offset % 2 == 0 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return Character(String((10 - sum % 10) % 10))
    }

    /// A SIREN from its first eight digits.
    static func siren(_ eightDigits: String) -> String {
        eightDigits + String(luhnKey(for: eightDigits))
    }

    /// A commune's SIREN: 21, the département on two digits, 0, the commune
    /// number, the key (Rennes 35238 → 213502388).
    static func communeSiren(codeInsee: String) -> String {
        let digits = Array(codeInsee)
        let department = codeInsee.hasPrefix("2A") || codeInsee.hasPrefix("2B") ? "20" : String(digits[0..<2])
        return siren("21" + department + "0" + String(digits[2..<5]))
    }

    /// A public body attached to a territory (CCAS, hospital, GIP): its
    /// category prefix, the département, random digits.
    static func publicBodySiren(prefix: String, departmentCode: String, using random: inout SeededRandom) -> String {
        let department = departmentCode.hasPrefix("2") && departmentCode.count == 2 && !departmentCode.allSatisfy(\.isNumber)
            ? "20" : String(departmentCode.prefix(2))
        let body = prefix + department
        return siren(body + random.digits(count: 8 - body.count))
    }

    /// An association or company SIREN (first digit 3 to 8, as in SIRENE).
    static func privateSiren(using random: inout SeededRandom) -> String {
        siren(random.pick(["3", "4", "5", "7", "8"]) + random.digits(count: 7))
    }

    /// A SIRET of `siren` for its establishment number `sequence` (1 = 0001):
    /// the last digit of the NIC is chosen so that the SIRET is Luhn-valid.
    static func siret(siren: String, sequence: Int) -> String {
        let nicStart = String(repeating: "0", count: max(0, 4 - String(sequence).count)) + String(sequence % 10_000)
        let thirteen = siren + nicStart
        return thirteen + String(luhnKey(for: thirteen))
    }

    /// The same number with one digit changed, as a typing error gives
    /// (always caught by the Luhn key).
    static func withWrongDigit(_ siret: String, using random: inout SeededRandom) -> String {
        var digits = Array(siret)
        let position = random.integer(in: 0...(digits.count - 1))
        let original = Int(String(digits[position]))!
        digits[position] = Character(String((original + random.integer(in: 1...9)) % 10))
        return String(digits)
    }
}

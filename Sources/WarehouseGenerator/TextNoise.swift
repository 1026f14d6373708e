import Foundation

/// The ways people and registers alter a name or a street when they type it:
/// accents, case, one-character typos, abbreviations, hyphens.
enum TextNoise {
    private static let accentFree: [Character: String] = [
        "à": "a", "â": "a", "ä": "a", "á": "a", "ã": "a", "ç": "c", "é": "e", "è": "e", "ê": "e", "ë": "e",
        "î": "i", "ï": "i", "í": "i", "ô": "o", "ö": "o", "ó": "o", "ù": "u", "û": "u", "ü": "u", "ú": "u",
        "ÿ": "y", "ñ": "n", "œ": "oe", "æ": "ae",
        "À": "A", "Â": "A", "Ä": "A", "Á": "A", "Ç": "C", "É": "E", "È": "E", "Ê": "E", "Ë": "E", "Î": "I",
        "Ï": "I", "Ô": "O", "Ö": "O", "Ù": "U", "Û": "U", "Ü": "U", "Ÿ": "Y", "Ñ": "N", "Œ": "OE", "Æ": "AE",
        "’": "'",
    ]

    static func withoutAccents(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            if let replacement = accentFree[character] { result += replacement } else { result.append(character) }
        }
        return result
    }

    /// Upper case as registers write it: no accents, no apostrophes
    /// ("L'ÉTAPE" → "L ETAPE" in FINESS).
    static func registerUpperCase(_ text: String) -> String {
        withoutAccents(text).uppercased().replacingOccurrences(of: "'", with: " ")
    }

    /// Neighbouring keys on a French AZERTY keyboard, for substitutions.
    private static let neighbours: [Character: String] = [
        "a": "zqs", "z": "aes", "e": "zrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij", "i": "uok", "o": "ipl",
        "p": "om", "q": "asw", "s": "qdz", "d": "sfe", "f": "dgr", "g": "fht", "h": "gjy", "j": "hku", "k": "jli",
        "l": "kmo", "m": "lp", "w": "xq", "x": "wc", "c": "xv", "v": "cb", "b": "vn", "n": "b",
    ]

    /// One typing error on a letter after the first: a neighbouring key, a
    /// letter dropped, doubled, or swapped with the next one.
    static func typo(_ text: String, using random: inout SeededRandom) -> String {
        var characters = Array(text)
        let letterPositions = characters.indices.dropFirst().filter { characters[$0].isLetter }
        guard !letterPositions.isEmpty else { return text }
        let position = random.pick(Array(letterPositions))
        switch random.integer(in: 0...3) {
        case 0:
            let lower = Character(characters[position].lowercased())
            if let options = neighbours[lower] {
                var replacement = random.pick(Array(options))
                if characters[position].isUppercase { replacement = Character(replacement.uppercased()) }
                characters[position] = replacement
            } else {
                characters.remove(at: position)
            }
        case 1:
            characters.remove(at: position)
        case 2:
            characters.insert(characters[position], at: position)
        default:
            if position + 1 < characters.count, characters[position + 1].isLetter {
                characters.swapAt(position, position + 1)
            } else {
                characters.remove(at: position)
            }
        }
        return String(characters)
    }

    /// Street words and their usual abbreviations.
    private static let abbreviations: [String: String] = [
        "rue": "r.", "avenue": "av.", "boulevard": "bd", "route": "rte", "place": "pl.", "chemin": "ch.",
        "allée": "all.", "impasse": "imp.", "faubourg": "fbg", "quai": "qu.", "saint": "st", "sainte": "ste",
        "général": "gal", "docteur": "dr", "maréchal": "mal", "président": "pdt", "square": "sq.",
    ]

    /// "rue Saint-Martin" → "r. St-Martin", keeping each word's case.
    static func abbreviated(_ text: String) -> String {
        let separators = CharacterSet(charactersIn: " -")
        var result = ""
        var word = ""
        func flush() {
            if let short = abbreviations[word.lowercased()] {
                if word.first?.isUppercase == true {
                    result += word.allSatisfy({ !$0.isLetter || $0.isUppercase }) ? short.uppercased() : short.prefix(1).uppercased() + short.dropFirst()
                } else {
                    result += short
                }
            } else {
                result += word
            }
            word = ""
        }
        for character in text {
            if character.unicodeScalars.allSatisfy({ separators.contains($0) }) {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }

    /// "Victor Hugo" ↔ "Victor-Hugo", "Saint-Martin" ↔ "Saint Martin": the
    /// Annuaire hyphenates the names in street names, most people do not.
    static func rehyphenated(_ text: String) -> String {
        if text.contains("-") { return text.replacingOccurrences(of: "-", with: " ") }
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard words.count > 2 else { return text }
        // join the capitalised words after the street type ("rue Jean Moulin" → "rue Jean-Moulin")
        var result = words[0]
        for index in 1..<words.count {
            let joinsPrevious = index > 1 && (words[index].first?.isUppercase ?? false) && (words[index - 1].first?.isUppercase ?? false)
            result += (joinsPrevious ? "-" : " ") + words[index]
        }
        return result
    }

    /// The street type capitalised, as geocoders label streets ("Rue de la Gare").
    static func capitalisedStreetType(_ street: String) -> String {
        guard let first = street.first else { return street }
        return first.uppercased() + street.dropFirst()
    }
}

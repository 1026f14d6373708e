import Foundation

/// The formats of int__validation_errors.sql, written once: the same
/// regular expressions (ASCII-only, as strict as upstream's validators) and
/// the SIRET key of the `siret_is_valid` normalizer (migration 0007).
enum FieldFormats {
    static let url = regex(
        "^[Hh][Tt][Tt][Pp][Ss]?://"
        + "(([A-Za-z0-9._~!$&'()*+,;=:-]|%[0-9A-Fa-f]{2})*@)?"
        + "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*"
        + "(:([0-9]{1,4}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"
        + "(/([A-Za-z0-9._~!$&'()*+,;=:@/-]|%[0-9A-Fa-f]{2})*)?"
        + "(\\?([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?"
        + "(#([A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})*)?$")
    static let email = regex(
        "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
        + "@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?$")
    static let siret = regex("^\\d{14}$")
    static let codePostal = regex("^\\d{5}$")
    static let codeInsee = regex("^\\w{5}$")
    static let zone = regex("^(\\w{5}|\\w{2,3}|\\d{9}|france)$")
    static let isoDate = regex("^\\d{4}-\\d{2}-\\d{2}$")

    static func regex(_ pattern: String) -> NSRegularExpression {
        // the patterns are constants of this file: a typo is a programming error
        try! NSRegularExpression(pattern: pattern)
    }

    static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// PostgreSQL's char_length: code points, not grapheme clusters.
    static func length(_ text: String) -> Int { text.unicodeScalars.count }

    static func isEmail(_ text: String) -> Bool {
        let local = text.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return matches(email, text) && length(text) <= 254 && length(local) <= 64
    }

    /// 14 digits whose Luhn sum is a multiple of 10; La Poste's establishments
    /// (SIREN 356000000) have a digit sum that is a multiple of 5 instead.
    static func hasValidSiretKey(_ siret: String) -> Bool {
        let digits = siret.compactMap(\.wholeNumberValue)
        guard digits.count == 14, siret.allSatisfy(\.isASCII) else { return false }
        if siret.hasPrefix("356000000") { return digits.reduce(0, +) % 5 == 0 }
        var sum = 0
        for (position, digit) in digits.enumerated() {
            // from the left, the odd positions (1st, 3rd…) of an even-length number are doubled
            let value = position % 2 == 0 ? digit * 2 : digit
            sum += value > 9 ? value - 9 : value
        }
        return sum % 10 == 0
    }

    /// A calendar date written YYYY-MM-DD (31 February is not one).
    static func isCalendarDate(_ text: String) -> Bool {
        guard matches(isoDate, text) else { return false }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), parts[2] >= 1 else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let month = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1))!
        return parts[2] <= calendar.range(of: .day, in: .month, for: month)!.count
    }

    /// Today as the database's current_date gives it, YYYY-MM-DD.
    static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}

import Foundation

/// Phones, e-mails and websites of the organisations that are not town halls,
/// derived from their town hall's real ones so that they look local (same
/// exchange, same domain) — which is also what makes a mairie and its CCAS
/// hard to tell apart.
enum ContactDetails {
    /// Free mail and access-provider domains: an address there says nothing of
    /// the organisation's own domain.
    static let webmailDomains: Set<String> = [
        "gmail.com", "orange.fr", "wanadoo.fr", "laposte.net", "free.fr", "sfr.fr", "hotmail.fr", "hotmail.com",
        "yahoo.fr", "yahoo.com", "outlook.fr", "outlook.com", "bbox.fr", "neuf.fr", "aliceadsl.fr", "club-internet.fr",
        "live.fr", "cegetel.net", "nordnet.fr", "numericable.fr", "icloud.com",
    ]

    /// The four first digits of local numbers: the town hall's, else the
    /// zone's (01 Île-de-France, 02 north-west, 03 north-east, 04 south-east, 05 south-west, overseas).
    static func localPrefix(_ territory: Territory) -> String {
        if let phone = territory.townHall.phoneDigits, phone.count == 10, phone.hasPrefix("0"), !phone.hasPrefix("06"), !phone.hasPrefix("07") {
            return String(phone.prefix(4))
        }
        switch territory.departmentCode {
        case "971": return "0590"
        case "972": return "0596"
        case "973": return "0594"
        case "974": return "0262"
        case "976": return "0269"
        default: break
        }
        switch territory.regionCode {
        case "11": return "0140"
        case "24", "28", "52", "53": return "0240"
        case "27", "32", "44": return "0380"
        case "84", "93", "94": return "0470"
        default: return "0550"
        }
    }

    /// A new landline of the territory (or a mobile now and then).
    static func phone(for territory: Territory, using random: inout SeededRandom) -> String {
        if random.chance(GenerationRates.Sharing.mobilePhone) {
            return random.pick(["06", "07"]) + random.digits(count: 8)
        }
        if random.chance(GenerationRates.Sharing.phoneSameExchange), let townHall = territory.townHall.phoneDigits, townHall.count == 10 {
            return String(townHall.prefix(6)) + random.digits(count: 4)
        }
        return localPrefix(territory) + random.digits(count: 6)
    }

    /// How `digits` is typed in `format`; a number that is not ten digits is
    /// copied as listed.
    static func formatted(_ digits: String, as format: PhoneFormat, departmentCode: String) -> String {
        guard digits.count == 10, digits.hasPrefix("0") else { return digits }
        let pairs = stride(from: 0, to: 10, by: 2).map { index -> String in
            let start = digits.index(digits.startIndex, offsetBy: index)
            return String(digits[start..<digits.index(start, offsetBy: 2)])
        }
        let national = String(digits.dropFirst())
        let countryCode: String
        switch departmentCode {
        case "971": countryCode = "590"
        case "972": countryCode = "596"
        case "973": countryCode = "594"
        case "974", "976": countryCode = "262"
        default: countryCode = "33"
        }
        switch format {
        case .spaced: return pairs.joined(separator: " ")
        case .compact: return digits
        case .dotted: return pairs.joined(separator: ".")
        case .dashed: return pairs.joined(separator: "-")
        case .internationalCompact: return "+" + countryCode + national
        case .international:
            let first = String(national.prefix(1)), rest = Array(national.dropFirst())
            let restPairs = stride(from: 0, to: rest.count, by: 2).map { String(rest[$0..<min($0 + 2, rest.count)]) }
            return "+\(countryCode) \(first) " + restPairs.joined(separator: " ")
        }
    }

    /// The commune's own domain: its e-mail's unless at a webmail, else its website's host.
    static func communeDomain(_ territory: Territory) -> String? {
        if let email = territory.townHall.email, let at = email.lastIndex(of: "@") {
            let domain = email[email.index(after: at)...].lowercased()
            if !webmailDomains.contains(domain) { return domain }
        }
        return territory.townHall.website.flatMap(host)
    }

    /// "https://www.ville-x.fr/page" → "ville-x.fr".
    static func host(_ url: String) -> String? {
        var text = url.lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if let slash = text.firstIndex(of: "/") { text = String(text[..<slash]) }
        if text.hasPrefix("www.") { text = String(text.dropFirst(4)) }
        return text.contains(".") ? text : nil
    }

    /// "Saint-Étienne-du-Rouvray" → "saint-etienne-du-rouvray".
    static func slug(_ text: String) -> String {
        var result = ""
        var pendingDash = false
        for character in TextNoise.withoutAccents(text).lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                if pendingDash && !result.isEmpty { result += "-" }
                result.append(character)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return result
    }

    /// A domain label: the slug cut at `maximumLength` (63 is DNS's limit)
    /// without a trailing dash.
    static func domainLabel(_ text: String, maximumLength: Int) -> String {
        var label = String(slug(text).prefix(maximumLength))
        while label.hasSuffix("-") { label.removeLast() }
        return label
    }

    /// An address of a body of the commune: at the commune's domain when it
    /// has one, else at a webmail like its town hall.
    static func communeBodyEmail(mailbox: String, territory: Territory, using random: inout SeededRandom) -> String {
        if let domain = communeDomain(territory) { return "\(mailbox)@\(domain)" }
        let webmail = territory.townHall.email.flatMap { $0.split(separator: "@").last.map(String.init) } ?? "orange.fr"
        return "\(mailbox).\(slug(territory.placeName))@\(webmail)"
    }

    /// Another address of the same organisation, as a second record gives
    /// (a person's or a department's).
    static func otherEmail(for email: String, using random: inout SeededRandom) -> String {
        guard let at = email.lastIndex(of: "@") else { return email }
        let domain = String(email[email.index(after: at)...])
        // at a webmail the mailbox is the organisation's own name: another
        // address is a variant of it, not "contact@orange.fr"
        if webmailDomains.contains(domain.lowercased()) {
            let mailbox = email[..<at].filter { $0 != "." && $0 != "-" }
            return "\(mailbox)\(random.integer(in: 1...99))@\(domain)"
        }
        let mailbox = random.pick(["accueil", "secretariat", "direction", "contact", "info", "administration"])
        return "\(mailbox)@\(domain)"
    }
}

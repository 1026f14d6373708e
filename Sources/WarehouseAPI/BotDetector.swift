/// Crawlers are recorded as such and left out of the consumption figures:
/// a user agent naming a known crawler or calling itself a bot or spider.
enum BotDetector {
    static let markers = [
        "bot", "crawler", "spider", "slurp", "crawl", "bingpreview", "facebookexternalhit", "mediapartners-google",
        "baiduspider", "yandex", "ahrefs", "semrush", "mj12", "petalbot", "gptbot", "ccbot", "claudebot", "bytespider",
        "python-requests/", "scrapy", "headlesschrome",
    ]

    static func isBot(userAgent: String?) -> Bool {
        guard let agent = userAgent?.lowercased(), !agent.isEmpty else { return false }
        return markers.contains { agent.contains($0) }
    }
}

import Foundation
import Hummingbird
import NIOCore

/// The widget's page: a plain list of the services found (name, structure,
/// place, link), escaped, to be embedded in an iframe.
enum WidgetPage {
    static func render(_ page: MartsReader.Page) -> Response {
        let items = (try? JSONSerialization.jsonObject(with: Data(page.itemsJSON.utf8))) as? [[String: Any]] ?? []
        var html = """
            <!doctype html>
            <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Services d'insertion</title></head>
            <body><main><p>\(page.total) service\(page.total == 1 ? "" : "s")</p><ul>
            """
        for item in items {
            guard let service = item["service"] as? [String: Any] else { continue }
            let structure = service["structure"] as? [String: Any] ?? [:]
            let name = escape(service["nom"] as? String ?? "")
            // only web links: a producer's text must not become a script URL
            let web = (service["lien_source"] as? String).flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
            let link = web.map { " <a href=\"\(escape($0))\" target=\"_blank\" rel=\"noopener\">Voir</a>" } ?? ""
            let distance = (item["distance"] as? Int).map { " · \($0) km" } ?? ""
            html += "<li><strong>\(name)</strong> — \(escape(structure["nom"] as? String ?? ""))"
            html += " · \(escape(service["commune"] as? String ?? ""))\(distance)\(link)</li>"
        }
        html += "</ul></main></body></html>\n"
        return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

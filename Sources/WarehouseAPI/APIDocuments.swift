import Foundation
import Hummingbird
import WarehouseCore
import Yams

/// The API's own description (`openapi.yaml` at the project's root), served
/// as JSON at /api/openapi.json and as a readable page at /api/docs.
public struct APIDocuments: Sendable {
    let openAPIJSON: String
    let title: String

    public static func load(_ file: URL) throws -> APIDocuments {
        let yaml: String
        do { yaml = try String(contentsOf: file, encoding: .utf8) } catch {
            throw WarehouseError.unreadableFile(file: file.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        guard let document = try Yams.load(yaml: yaml) as? [String: Any],
              JSONSerialization.isValidJSONObject(document) else {
            throw WarehouseError.invalidArgument("\(file.path) is not an OpenAPI document")
        }
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        let title = (document["info"] as? [String: Any])?["title"] as? String ?? "API"
        return APIDocuments(openAPIJSON: String(decoding: data, as: UTF8.self), title: title)
    }

    func openAPI(_ request: Request) -> Response {
        var outcome = APIOutcome(json: openAPIJSON)
        outcome.cacheable = true
        return outcome.response(for: request)
    }

    /// A page that renders the description with the documentation viewer
    /// when it can be fetched, and links the raw JSON otherwise.
    func page(_ request: Request) -> Response {
        let html = """
            <!doctype html>
            <html lang="fr"><head><meta charset="utf-8"><title>\(title)</title>
            <meta name="viewport" content="width=device-width, initial-scale=1"></head>
            <body>
            <noscript><p>The description of this API is at <a href="/api/openapi.json">/api/openapi.json</a>.</p></noscript>
            <script id="api-reference" data-url="/api/openapi.json"></script>
            <script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference"></script>
            <p><a href="/api/openapi.json">OpenAPI description (JSON)</a></p>
            </body></html>
            """
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

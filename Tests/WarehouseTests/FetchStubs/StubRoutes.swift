import Foundation
import HTTPTypes

/// One producer endpoint: its name (for faults and the request log), the
/// credential it wants, its content type, and its normal answer.
struct StubRoute: Sendable {
    let name: String
    /// `Token x`, `JWT x`, `Bearer x`, `x-api-key x`, or `oauth2` (a token the stub issued).
    let credential: String?
    let type: String
    let serve: @Sendable (_ body: Data, _ fault: StubFault?) async -> (Data, HTTPResponse.Status, String?)
}

extension StubProducers {
    func route(path: String, query: [String: String], origin: String) -> StubRoute? {
        let json = "application/json"
        let csv = "text/csv; charset=utf-8"
        let tokens = Self.tokens
        let content = self.content
        func body(_ name: String, _ credential: String?, _ type: String, _ data: Data) -> StubRoute {
            StubRoute(name: name, credential: credential, type: type) { _, _ in (data, .ok, nil) }
        }
        switch path {
        // DORA and les emplois: Django REST Framework, `Token` auth, `next` links
        case "/dora/api/v2/structures/", "/dora/api/v2/services/":
            let stream = path.contains("structures") ? "structures" : "services"
            return drf("dora/\(stream)", "Token \(tokens["DORA_API_TOKEN"]!)", content.items("dora/\(stream).json"), path, query, origin)
        case "/emplois-de-linclusion/api/v1/data-inclusion/":
            let stream = query["type"] == "siae" ? "siaes" : "organisations"
            return drf("emplois-de-linclusion/\(stream)", "Token \(tokens["EMPLOIS_API_TOKEN"]!)",
                       content.items("emplois-de-linclusion/\(stream).json"), path, query, origin)
        // Soliguide: POST search, page number and limit in the body, `JWT` auth
        case "/soliguide/new-search":
            let items = content.items("soliguide/lieux.json")
            return StubRoute(name: "soliguide/lieux", credential: "JWT \(tokens["SOLIGUIDE_API_TOKEN"]!)", type: json) { body, fault in
                let options = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["options"] as? [String: Any]
                let limit = (options?["limit"] as? Int) ?? 50
                let page = (options?["page"] as? Int) ?? 1
                let slice = fault.emptiesResult ? [] : Self.page(items, from: (page - 1) * limit, count: limit)
                let total = fault.emptiesResult ? 0 : items.count
                return (Data(#"{"nbResults":\#(total),"places":"#.utf8) + StubContent.array(slice) + Data("}".utf8), .ok, nil)
            }
        case "/mediation-numerique/carto":
            return body("mediation-numerique/structures", "Bearer \(tokens["MEDIATION_NUMERIQUE_API_TOKEN"]!)", json,
                        content.file("mediation-numerique/structures.json"))
        case "/fredo/v1/structures":
            return body("fredo/structures", "Bearer \(tokens["FREDO_API_TOKEN"]!)", json, content.file("fredo/structures.json"))
        // AGEFIPH: Drupal JSON:API, anonymous, links.next.href
        case "/agefiph/jsonapi/node/contact", "/agefiph/jsonapi/node/solution":
            let stream = path.hasSuffix("contact") ? "structures" : "services"
            let items = content.items("agefiph/\(stream).json")
            return StubRoute(name: "agefiph/\(stream)", credential: nil, type: "application/vnd.api+json") { _, fault in
                let offset = Int(query["page[offset]"] ?? "0") ?? 0
                let slice = fault.emptiesResult ? [] : Self.page(items, from: offset, count: Self.serverPageSize)
                var page = Data(#"{"jsonapi":{"version":"1.0"},"data":"#.utf8) + StubContent.array(slice)
                if offset + Self.serverPageSize < items.count, !fault.emptiesResult {
                    page += Data(#","links":{"next":{"href":"\#(origin)\#(path)?page%5Boffset%5D=\#(offset + Self.serverPageSize)"}}"#.utf8)
                }
                return (page + Data("}".utf8), .ok, nil)
            }
        // CD35: ArcGIS FeatureServer query, paged by object id
        case "/cd35/arcgis/rest/services/annuaire_social_CD35/FeatureServer/0/query":
            let items = content.items("cd35/organisations.json")
            return StubRoute(name: "cd35/organisations", credential: nil, type: json) { _, fault in
                let after = query["where"].flatMap { $0.hasPrefix("ObjectId>") ? Int($0.dropFirst("ObjectId>".count)) : nil } ?? Int.min
                let count = Int(query["resultRecordCount"] ?? "1000") ?? 1000
                let remaining = items.filter { Self.objectID($0) > after }
                let slice = fault.emptiesResult ? [] : remaining.prefix(count)
                let features = slice.map { Data(#"{"attributes":"#.utf8) + $0 + Data(#","geometry":{"x":-1.68,"y":48.11}}"#.utf8) }
                let more = remaining.count > count && !fault.emptiesResult
                return (Data(#"{"objectIdFieldName":"ObjectId","features":"#.utf8) + StubContent.array(features[...])
                        + Data(#","exceededTransferLimit":\#(more)}"#.utf8), .ok, nil)
            }
        // France Travail: OAuth2 client credentials, then the agencies with the token; its catalogue on Grist
        case "/france-travail/connexion/oauth2/access_token":
            return StubRoute(name: "france-travail/token", credential: nil, type: json) { body, _ in
                let form = StubProducers.query("/?" + String(decoding: body, as: UTF8.self))
                guard form["grant_type"] == "client_credentials", form["client_id"] == tokens["FRANCE_TRAVAIL_CLIENT_ID"],
                      form["client_secret"] == tokens["FRANCE_TRAVAIL_CLIENT_SECRET"] else {
                    return (Data(#"{"error":"invalid_client"}"#.utf8), .unauthorized, nil)
                }
                let token = await self.behaviour.issueToken()
                return (Data(#"{"access_token":"\#(token)","expires_in":1499,"token_type":"Bearer","scope":"\#(form["scope"] ?? "")"}"#.utf8), .ok, nil)
            }
        case "/france-travail/partenaire/referentielagences/v1/agences":
            return body("france-travail/agences", "oauth2", json, content.file("france-travail/agences.json"))
        case "/france-travail/api/docs/ftdoc/download/csv":
            return body("france-travail/services", "Bearer \(tokens["GRIST_API_TOKEN"]!)", csv, content.file("france-travail/services.csv"))
        case "/action-logement/api/docs/aldoc/download/csv":
            let stream = query["tableId"] == "Structures" ? "structures" : "services"
            return body("action-logement/\(stream)", "Bearer \(tokens["GRIST_API_TOKEN"]!)", csv, content.file("action-logement/\(stream).csv"))
        // FINESS: the data.gouv.fr resource redirects to the file
        case "/finess/fr/datasets/r/98f3161f-79ff-4f16-8f6a-6d571a80fea2":
            return StubRoute(name: "finess/redirect", credential: nil, type: csv) { _, _ in
                (Data(), .found, "\(origin)/finess/files/etalab-cs1100507-stock.csv")
            }
        case "/finess/files/etalab-cs1100507-stock.csv":
            return body("finess/etablissements", nil, "text/csv; charset=iso-8859-1", content.file("finess/etablissements.csv"))
        // Ma Boussole Aidants: ?idTypeStructure=&page= until an empty array, x-api-key
        case "/ma-boussole-aidants/api/v1/client/structures":
            let items = content.boussoleItems(type: query["idTypeStructure"] ?? "")
            return StubRoute(name: "ma-boussole-aidants/structures", credential: "x-api-key \(tokens["MA_BOUSSOLE_AIDANTS_API_KEY"]!)", type: json) { _, _ in
                let page = Int(query["page"] ?? "1") ?? 1
                let slice = Self.page(items, from: (page - 1) * Self.serverPageSize, count: Self.serverPageSize)
                return (Data(#"{"structures":"#.utf8) + StubContent.array(slice) + Data("}".utf8), .ok, nil)
            }
        // Réseau Alpha: one JSON document, then one HTML page per structure
        case "/reseau-alpha/cartographie.json":
            return body("reseau-alpha/structures", nil, json, content.file("reseau-alpha/cartographie.json"))
        default:
            if path.hasPrefix("/reseau-alpha/structure/"), let page = content.reseauAlphaPages()[String(path.dropFirst("/reseau-alpha".count))] {
                return body("reseau-alpha/pages", nil, "text/html; charset=utf-8", page)
            }
            return nil
        }
    }

    private func drf(_ name: String, _ credential: String, _ items: [Data], _ path: String, _ query: [String: String],
                     _ origin: String) -> StubRoute {
        StubRoute(name: name, credential: credential, type: "application/json") { _, fault in
            let size = Int(query["page_size"] ?? "100") ?? 100
            let page = Int(query["page"] ?? "1") ?? 1
            let slice = fault.emptiesResult ? [] : Self.page(items, from: (page - 1) * size, count: size)
            var others = query.filter { $0.key != "page" }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            others.append("page=\(page + 1)")
            let next = page * size < items.count && !fault.emptiesResult ? "\"\(origin)\(path)?\(others.joined(separator: "&"))\"" : "null"
            let count = fault.emptiesResult ? 0 : items.count
            return (Data(#"{"count":\#(count),"next":\#(next),"previous":null,"results":"#.utf8) + StubContent.array(slice)
                    + Data("}".utf8), .ok, nil)
        }
    }

    static func page(_ items: [Data], from start: Int, count: Int) -> ArraySlice<Data> {
        guard start < items.count, start >= 0 else { return [] }
        return items[start..<min(items.count, start + count)]
    }

    static func objectID(_ item: Data) -> Int {
        ((try? JSONSerialization.jsonObject(with: item)) as? [String: Any])?["ObjectId"] as? Int ?? 0
    }
}

private extension Optional where Wrapped == StubFault {
    /// The fault that answers with no items.
    var emptiesResult: Bool {
        if case .emptyResult? = self { return true }
        return false
    }
}

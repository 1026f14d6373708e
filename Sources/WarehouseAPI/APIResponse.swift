import CompressNIO
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore

/// What a handler answers, before the common headers and the event.
struct APIOutcome: Sendable {
    var status: HTTPResponse.Status = .ok
    var json: String
    var resultCount: Int?
    var page: Int?
    var size: Int?
    var filtersJSON = "{}"
    var dataVersion: Int64?
    /// Detail and vocabulary answers carry an ETag.
    var cacheable = false
    var headers: [(HTTPField.Name, String)] = []

    static func failure(_ status: HTTPResponse.Status, _ detail: String) -> APIOutcome {
        APIOutcome(status: status, json: JSONText.object(["detail": .string(detail)]))
    }

    /// data·inclusion (FastAPI) shapes its 422 bodies this way.
    static func invalid(_ error: ParameterError) -> APIOutcome { invalid([error]) }

    static func invalid(_ errors: [ParameterError]) -> APIOutcome {
        let entries = errors.map { error -> String in
            var location = [JSONText.quote(error.location), JSONText.quote(error.parameter)]
            if let index = error.index { location.append(String(index)) }
            var entry: [String: JSONText.Value] = [
                "type": .string(error.type), "loc": .raw("[" + location.joined(separator: ",") + "]"), "msg": .string(error.message),
            ]
            if let input = error.input { entry["input"] = .string(input) }
            var context = error.context.mapValues { JSONText.Value.raw($0) }
            if let accepted = error.accepted { context["expected"] = .string(ParameterError.expected(accepted)) }
            if !context.isEmpty { entry["ctx"] = .raw(JSONText.object(context)) }
            return JSONText.object(entry)
        }
        return APIOutcome(status: .unprocessableContent, json: "{\"detail\":[\(entries.joined(separator: ","))]}")
    }
}

/// Small JSON writing for envelopes and errors (the rows' JSON comes from
/// PostgreSQL already).
enum JSONText {
    enum Value {
        case string(String)
        case strings([String])
        case int(Int)
        case int64(Int64)
        case bool(Bool)
        case null
        case raw(String)
    }

    /// Keys in sorted order. Written into one string: a list's items run to
    /// megabytes, and each intermediate string would copy them again.
    static func object(_ fields: [String: Value]) -> String {
        var text = "{"
        text.reserveCapacity(fields.values.reduce(64) { size, value in
            if case .raw(let json) = value { return size + json.utf8.count + 32 }
            return size + 32
        })
        for (position, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
            if position > 0 { text += "," }
            text += quote(field.key)
            text += ":"
            text += render(field.value)
        }
        text += "}"
        return text
    }

    static func render(_ value: Value) -> String {
        switch value {
        case .string(let text): return quote(text)
        case .strings(let texts): return "[" + texts.map(quote).joined(separator: ",") + "]"
        case .int(let number): return String(number)
        case .int64(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .raw(let json): return json
        }
    }

    static func quote(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}

extension APIOutcome {
    /// The HTTP response: JSON, the data version, and 304 when the client
    /// already holds this exact body.
    func response(for request: Request) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json; charset=utf-8"
        if let dataVersion { fields[HTTPField.Name("X-Data-Version")!] = String(dataVersion) }
        for (name, value) in headers { fields[name] = value }
        if cacheable && status == .ok {
            let etag = "\"" + SHA256.hash(data: Data(json.utf8)).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
            fields[.eTag] = etag
            fields[.cacheControl] = "no-cache"
            if let given = request.headers[.ifNoneMatch], given.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) {
                return Response(status: .notModified, headers: fields)
            }
        }
        var buffer = ByteBuffer(string: json)
        // Lists run to megabytes of repetitive JSON: gzip when the client takes it.
        if buffer.readableBytes >= Self.compressionThreshold, Self.acceptsGzip(request.headers[.acceptEncoding]),
           let compressed = try? buffer.compress(with: .gzip()) {
            buffer = compressed
            fields[.contentEncoding] = "gzip"
            fields[.vary] = "Accept-Encoding"
        }
        return Response(status: status, headers: fields, body: .init(byteBuffer: buffer))
    }

    static let compressionThreshold = 1_024

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.lowercased().split(separator: ",").contains { coding in
            let parts = coding.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.first == "gzip" && !parts.dropFirst().contains("q=0")
        }
    }
}

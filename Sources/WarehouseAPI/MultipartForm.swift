import Foundation
import MultipartKit
import NIOCore

/// The parts of a `multipart/form-data` body (RFC 7578): each part's field
/// name, file name when it is a file, and bytes. Parsed by multipart-kit.
struct MultipartForm {
    struct Part {
        let name: String
        let fileName: String?
        var data: Data
    }

    let parts: [Part]

    struct Failure: Error {
        let message: String
    }

    /// The boundary of a `multipart/form-data; boundary=…` content type, quoted or not.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    init(body: ByteBuffer, boundary: String) throws {
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [String: String] = [:]
        var data = Data()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { buffer in data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = Self.dispositionParameters(headers["content-disposition"] ?? "")
            parts.append(Part(name: disposition["name"] ?? "", fileName: disposition["filename"], data: data))
            headers = [:]
            data = Data()
        }
        do {
            try parser.execute(body)
        } catch {
            throw Failure(message: "Le corps multipart/form-data est illisible (\(error)).")
        }
        self.parts = parts
    }

    /// `form-data; name="structures"; filename="s.csv"` → ["name": "structures", "filename": "s.csv"]
    static func dispositionParameters(_ header: String) -> [String: String] {
        var result: [String: String] = [:]
        for parameter in header.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            result[pair[0].lowercased()] = value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return result
    }

    func text(_ name: String) -> String? {
        parts.first { $0.name == name && $0.fileName == nil }.map { String(decoding: $0.data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}

import Foundation

/// Decodes one element of a JSON array only as far as the loader needs:
/// whether it is an object and whether its id is there. Other fields are
/// skipped, which makes validating a large file with JSONDecoder faster than
/// building every value with JSONSerialization.
struct RecordProbe: Decodable {
    let rejectReason: String?

    /// The id field to look for, passed through the decoder's user info.
    static let idFieldKey = CodingUserInfoKey(rawValue: "warehouse.idField")!

    init(from decoder: any Decoder) throws {
        let idField = decoder.userInfo[Self.idFieldKey] as? String ?? "id"
        guard let object = try? decoder.container(keyedBy: AnyKey.self) else {
            rejectReason = "record is not a JSON object"
            return
        }
        let key = AnyKey(stringValue: idField)
        if !object.contains(key) || (try? object.decodeNil(forKey: key)) == true {
            rejectReason = "record has no '\(idField)'"
        } else if let text = try? object.decode(String.self, forKey: key), text.trimmingCharacters(in: .whitespaces).isEmpty {
            rejectReason = "record has an empty '\(idField)'"
        } else {
            rejectReason = nil
        }
    }

    /// Every element's verdict, or nil when the data is not a valid JSON array.
    static func probe(_ data: Data, idField: String) -> [RecordProbe]? {
        let decoder = JSONDecoder()
        decoder.userInfo[idFieldKey] = idField
        return try? decoder.decode([RecordProbe].self, from: data)
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

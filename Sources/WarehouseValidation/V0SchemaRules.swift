import Foundation
import WarehouseCore

/// The withdrawn v0 model, checked by its JSON Schemas themselves
/// (`data/schema/v0/*.schema.json`, vocabularies in their `$defs`): the
/// keywords they use (type, anyOf, enum, pattern, min/maxLength, minimum,
/// uniqueItems, items, format date/uri/email, required), each reported with
/// the v1 validator's rule names.
struct V0SchemaRules: Sendable {
    let schemas: [ValidationIssue.Entity: SchemaNode]
    let required: [ValidationIssue.Entity: [String]]

    static func load(_ layout: ProjectLayout) throws -> V0SchemaRules {
        var schemas: [ValidationIssue.Entity: SchemaNode] = [:]
        var required: [ValidationIssue.Entity: [String]] = [:]
        for entity in ValidationIssue.Entity.allCases {
            let file = layout.root.appendingPathComponent("data/schema/v0/\(entity.singular).schema.json")
            guard let data = try? Data(contentsOf: file),
                  let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw WarehouseError.unreadableFile(file: file.path, reason: "the v0 JSON Schema cannot be read")
            }
            let definitions = root["$defs"] as? [String: Any] ?? [:]
            schemas[entity] = SchemaNode(root, definitions: definitions)
            required[entity] = root["required"] as? [String] ?? []
        }
        return V0SchemaRules(schemas: schemas, required: required)
    }

    func check(_ record: InputRecord, entity: ValidationIssue.Entity, isTabular: Bool) -> [Finding] {
        guard let schema = schemas[entity] else { return [] }
        var findings: [Finding] = []
        for field in required[entity] ?? [] where !FieldReader(record: record, isTabular: isTabular).isPresent(field) {
            findings.append(Finding(field: field, rule: "required", value: nil))
        }
        for (field, node) in schema.properties.sorted(by: { $0.key < $1.key }) {
            var value = Self.cleaned(record[field])
            if value == .null { continue }
            if isTabular { value = node.typedFromCell(value) }
            findings += node.validate(value, field: field)
        }
        return findings
    }

    /// Texts trimmed and empty ones null, as for v1.
    static func cleaned(_ value: FieldValue) -> FieldValue {
        if case .text(let text) = value { return FieldReader.cleaned(text).map(FieldValue.text) ?? .null }
        return value
    }
}

/// One JSON Schema (sub)schema, `$ref`s resolved against `$defs`.
final class SchemaNode: @unchecked Sendable {
    let type: String?
    let enumValues: [String]?
    let pattern: NSRegularExpression?
    let minLength: Int?
    let maxLength: Int?
    let minimum: Double?
    let format: String?
    let uniqueItems: Bool
    let items: SchemaNode?
    let anyOf: [SchemaNode]
    let properties: [String: SchemaNode]

    init(_ json: [String: Any], definitions: [String: Any]) {
        var json = json
        if let reference = json["$ref"] as? String, let name = reference.split(separator: "/").last,
           let target = definitions[String(name)] as? [String: Any] {
            json = target.merging(json.filter { $0.key != "$ref" }) { _, own in own }
        }
        type = json["type"] as? String
        enumValues = (json["enum"] as? [Any])?.compactMap { $0 as? String }
        pattern = (json["pattern"] as? String).flatMap { try? NSRegularExpression(pattern: $0) }
        minLength = json["minLength"] as? Int
        maxLength = json["maxLength"] as? Int
        minimum = (json["minimum"] as? NSNumber)?.doubleValue
        format = json["format"] as? String
        uniqueItems = json["uniqueItems"] as? Bool ?? false
        items = (json["items"] as? [String: Any]).map { SchemaNode($0, definitions: definitions) }
        anyOf = (json["anyOf"] as? [[String: Any]] ?? []).map { SchemaNode($0, definitions: definitions) }
        properties = (json["properties"] as? [String: [String: Any]] ?? [:]).mapValues { SchemaNode($0, definitions: definitions) }
    }

    /// The type a non-null value must have (the first branch of an anyOf that is not null).
    var expectedType: String? { type ?? anyOf.first { $0.type != "null" }?.expectedType }

    /// A spreadsheet cell read as the schema's type: a list split on ',',
    /// a number or boolean parsed (left as text when it is not one).
    func typedFromCell(_ value: FieldValue) -> FieldValue {
        guard case .text(let text) = value else { return value }
        switch expectedType {
        case "array":
            return .list(text.split(separator: ",").compactMap { FieldReader.cleaned(String($0)).map(FieldValue.text) })
        case "number", "integer":
            return Double(text.replacingOccurrences(of: ",", with: ".")).map { .number($0, literal: text) } ?? value
        case "boolean":
            switch text.lowercased() {
            case "true", "vrai", "oui", "1": return .bool(true)
            case "false", "faux", "non", "0": return .bool(false)
            default: return value
            }
        default: return value
        }
    }

    func validate(_ value: FieldValue, field: String) -> [Finding] {
        if !anyOf.isEmpty {
            if value == .null, anyOf.contains(where: { $0.type == "null" }) { return [] }
            let branches = anyOf.filter { $0.type != "null" }
            let outcomes = branches.map { $0.validate(value, field: field) }
            if outcomes.contains(where: \.isEmpty) { return [] }
            if outcomes.count == 1 { return outcomes[0] }
            // several shapes allowed (a zone code): one finding, of the first branch of the value's type
            return Array((outcomes.first { $0.first?.rule != "type" } ?? outcomes[0]).prefix(1))
        }
        if let type, let failure = typeFailure(value, type: type, field: field) { return [failure] }
        var findings: [Finding] = []
        switch value {
        case .text(let text):
            if let enumValues, !enumValues.contains(text) { findings.append(Finding(field: field, rule: "enum", value: text)) }
            let length = FieldFormats.length(text)
            if let minLength, length < minLength { findings.append(Finding(field: field, rule: "min_length", value: text, detail: "\(minLength)")) }
            if let maxLength, length > maxLength { findings.append(Finding(field: field, rule: "max_length", value: text, detail: "\(maxLength)")) }
            if let pattern, !FieldFormats.matches(pattern, text) {
                findings.append(Finding(field: field, rule: "pattern", value: text, detail: pattern.pattern))
            }
            switch format {
            case "date" where !FieldFormats.isCalendarDate(text): findings.append(Finding(field: field, rule: "date", value: text))
            case "uri" where !FieldFormats.matches(FieldFormats.url, text): findings.append(Finding(field: field, rule: "url", value: text))
            case "email" where !FieldFormats.isEmail(text): findings.append(Finding(field: field, rule: "email", value: text))
            default: break
            }
        case .number(let number, let literal):
            if let minimum, number < minimum { findings.append(Finding(field: field, rule: "minimum", value: literal, detail: V1RecordRules.number(minimum))) }
        case .list(let elements):
            let texts = elements.map(\.display)
            if uniqueItems, Set(texts).count != texts.count {
                findings.append(Finding(field: field, rule: "unique_items", value: texts.joined(separator: ",")))
            }
            if let items { for element in elements { findings += items.validate(V0SchemaRules.cleaned(element), field: field) } }
        default: break
        }
        return findings
    }

    private func typeFailure(_ value: FieldValue, type: String, field: String) -> Finding? {
        let matches: Bool
        switch (type, value) {
        case ("string", .text), ("boolean", .bool), ("array", .list), ("null", .null), ("number", .number): matches = true
        case ("integer", .number(let number, _)): matches = number == number.rounded()
        default: matches = false
        }
        if matches { return nil }
        let names = ["string": "un texte", "boolean": "un booléen (true ou false)", "array": "une liste (un tableau JSON)",
                     "number": "un nombre", "integer": "un nombre entier", "null": "null"]
        return Finding(field: field, rule: "type", value: value.display, detail: names[type] ?? type)
    }
}

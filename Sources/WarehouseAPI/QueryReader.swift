import Foundation

/// Reads raw query pairs as data·inclusion's framework (FastAPI with
/// pydantic 2) reads them, remembering what was used and collecting every
/// error (each with pydantic's type, message and context) instead of
/// stopping at the first. Lists are repeated keys; each value is checked
/// on its own (`loc` ends with its index).
final class QueryReader {
    let pairs: [(String, String)]
    private(set) var used: [String: UsedValue] = [:]
    var errors: [ParameterError] = []

    init(pairs: [(String, String)]) { self.pairs = pairs }

    func single(_ name: String) -> String? {
        guard let value = pairs.last(where: { $0.0 == name })?.1 else { return nil }
        used[name] = .one(value)
        return value
    }

    func strings(_ name: String) -> [String]? {
        let given = pairs.filter { $0.0 == name }.map(\.1)
        guard !given.isEmpty else { return nil }
        used[name] = .many(given)
        return given
    }

    func list(_ name: String, accepted: [String]) -> [String]? {
        guard let given = strings(name) else { return nil }
        let known = Set(accepted)
        var valid = true
        for (index, value) in given.enumerated() where !known.contains(value) {
            valid = false
            errors.append(ParameterError(name, "Input should be \(ParameterError.expected(accepted))", input: value, accepted: accepted,
                                         type: "enum", index: index))
        }
        return valid ? given : nil
    }

    func integer(_ name: String, minimum: Int, maximum: Int? = nil) -> Int? {
        guard let text = single(name) else { return nil }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            errors.append(ParameterError(name, "Input should be a valid integer, unable to parse string as an integer", input: text,
                                         type: "int_parsing"))
            return nil
        }
        return bounded(name, text, Double(value), minimum: Double(minimum), maximum: maximum.map(Double.init)) ? value : nil
    }

    func number(_ name: String, minimum: Double? = nil, maximum: Double? = nil) -> Double? {
        guard let text = single(name) else { return nil }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            errors.append(ParameterError(name, "Input should be a valid number, unable to parse string as a number", input: text,
                                         type: "float_parsing"))
            return nil
        }
        guard value.isFinite else {
            errors.append(ParameterError(name, "Input should be a finite number", input: text, type: "finite_number"))
            return nil
        }
        // PostgreSQL raises an underflow error on squaring such a value (5e-324
        // as a latitude): under a billionth it is taken as the zero it means
        let usable = abs(value) < 1e-9 ? 0 : value
        return bounded(name, text, usable, minimum: minimum, maximum: maximum) ? usable : nil
    }

    private func bounded(_ name: String, _ text: String, _ value: Double, minimum: Double?, maximum: Double?) -> Bool {
        if let minimum, value < minimum {
            errors.append(ParameterError(name, "Input should be greater than or equal to \(Self.number(minimum))", input: text,
                                         type: "greater_than_equal", context: ["ge": Self.number(minimum)]))
            return false
        }
        if let maximum, value > maximum {
            errors.append(ParameterError(name, "Input should be less than or equal to \(Self.number(maximum))", input: text,
                                         type: "less_than_equal", context: ["le": Self.number(maximum)]))
            return false
        }
        return true
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// pydantic's booleans: true/false, 1/0, yes/no, on/off, t/f, y/n, any case.
    func boolean(_ name: String) -> Bool? {
        guard let text = single(name) else { return nil }
        switch text.lowercased() {
        case "true", "1", "yes", "on", "t", "y": return true
        case "false", "0", "no", "off", "f", "n": return false
        default:
            errors.append(ParameterError(name, "Input should be a valid boolean, unable to interpret input", input: text, type: "bool_parsing"))
            return nil
        }
    }

    /// data·inclusion's `CodeCommune`: five word characters.
    func communeCode(_ name: String) -> String? {
        guard let text = single(name) else { return nil }
        let length = text.count
        if length < 5 {
            errors.append(ParameterError(name, "String should have at least 5 characters", input: text, type: "string_too_short",
                                         context: ["min_length": "5"]))
        } else if length > 5 {
            errors.append(ParameterError(name, "String should have at most 5 characters", input: text, type: "string_too_long",
                                         context: ["max_length": "5"]))
        } else if text.range(of: #"^\w{5}$"#, options: .regularExpression) == nil {
            errors.append(ParameterError(name, #"String should match pattern '^\w{5}$'"#, input: text, type: "string_pattern_mismatch",
                                         context: ["pattern": JSONText.quote(#"^\w{5}$"#)]))
        } else {
            return text
        }
        return nil
    }

    /// A territory by code or by slug, each checked; the code wins when both
    /// come, as data·inclusion.
    func territory(code codeName: String, slug slugName: String, territories: [Vocabularies.Territory]) -> String? {
        var code: String?
        if let given = single(codeName) {
            let codes = territories.map(\.code)
            if codes.contains(given) { code = given } else {
                errors.append(ParameterError(codeName, "Input should be \(ParameterError.expected(codes))", input: given, accepted: codes, type: "enum"))
            }
        }
        if let given = single(slugName) {
            let slugs = territories.map(\.slug)
            if let territory = territories.first(where: { $0.slug == given }) {
                code = code ?? territory.code
            } else {
                errors.append(ParameterError(slugName, "Input should be \(ParameterError.expected(slugs))", input: given, accepted: slugs, type: "enum"))
            }
        }
        return code
    }
}


import Foundation
import WarehouseCore

/// The macros a model may call to read its raw JSON without repeating the
/// same expression in every staging model. Each expands, when the project is
/// loaded, to plain SQL; the rules they encode are those of docs/models.md
/// ("Rules applied everywhere"). `json` is the jsonb expression read, `data`
/// (the raw record) unless given; a key starting with `{` is a path
/// (`'{adresse,code_postal}'`).
///
/// - `{{ text('key') }}`: the text, trimmed of spaces, tabs and line breaks,
///   an empty string as NULL.
/// - `{{ text_array('key') }}`: a `text[]` of the trimmed non-empty items (a
///   single string becomes a one-item array), in the producer's order.
/// - `{{ lower_text_array('key') }}`: the same with every item lower-cased,
///   for vocabularies that the mapping seeds compare lower-cased.
/// - `{{ text_list('typed.publics_text') }}`: a `text[]` of the trimmed
///   non-empty items of a text written as a comma-separated list (`'a, b'`);
///   its argument is a text expression, not a key.
/// - `{{ number('key') }}`: a `double precision` from a JSON number or a
///   numeric string, NULL for anything else (jsonpath `.double()`, silent).
///   The key is a jsonpath member chain (`position.coordinates[0]`).
/// - `{{ date('key') }}`: the calendar date written at the start of a date or
///   date-time (the producer's local date), NULL when impossible.
/// - `{{ parse_date('left(typed.date_text, 10)', 'DD/MM/YYYY') }}`: the
///   date a text expression writes in that jsonpath `datetime` format, NULL
///   when it does not or the date is impossible (silent mode); the model
///   decides which formats to try, and where the date starts.
/// - `{{ source_header() }}`: the columns every staging model keeps from its
///   raw row, which load (`run_id`) and which record of the file
///   (`record_number`); `{{ source_header('raw') }}` qualifies them with the
///   relation `raw` when a join makes bare names ambiguous.
/// - `{{ sorted_distinct('catalogue.publics') }}`: the distinct items of an
///   array expression sorted bytewise (`collate "C"`), NULL when it has none,
///   the order every published list has.
/// - `{{ kept_address('structures', 'address.is_kept') }}`: the seven address
///   columns (`commune, code_postal, code_insee, adresse, complement_adresse,
///   longitude, latitude`) read from the relation, each NULL unless the
///   condition holds (an address is published whole or not at all,
///   sources/README §3); further arguments name the columns the source lacks,
///   given as typed NULLs in their place (`'code_insee'`).
/// - `{{ contact_modes('s.courriel', 's.telephone') }}`: `modes_mobilisation`
///   derived from the contacts given, in this order: `envoyer-un-courriel`
///   when the e-mail expression is not NULL, `telephoner` when the phone is
///   not, `utiliser-lien-mobilisation` when an optional third (link)
///   expression is not; NULL when none is.
public enum ModelMacros {
    static let whitespace = #"E' \t\r\n'"#
    static let names = ["text", "text_array", "lower_text_array", "text_list", "number", "date", "parse_date", "source_header",
                             "sorted_distinct", "kept_address", "contact_modes"]
    static let callPattern = try! NSRegularExpression(
        pattern: #"\{\{\s*("# + names.joined(separator: "|") + #")\s*\((.*?)\)\s*\}\}"#)

    /// The SQL with every macro call expanded; `file` names the model in errors.
    public static func expand(_ sql: String, file: String) throws -> String {
        var result = ""
        var cursor = sql.startIndex
        for match in callPattern.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)) {
            let whole = Range(match.range, in: sql)!
            let name = String(sql[Range(match.range(at: 1), in: sql)!])
            let arguments = try MacroArguments.parse(String(sql[Range(match.range(at: 2), in: sql)!]), macro: name, file: file)
            result += sql[cursor..<whole.lowerBound]
            result += try expansion(of: name, arguments: arguments, file: file)
            cursor = whole.upperBound
        }
        return result + sql[cursor...]
    }

    static func expansion(of name: String, arguments: [String], file: String) throws -> String {
        if name == "text_list" {
            guard arguments.count == 1 else { throw misuse(name, "takes one text expression ('typed.publics_text')", file: file) }
            return textList(arguments[0])
        }
        if name == "source_header" {
            guard arguments.count <= 1 else { throw misuse(name, "takes at most the relation read ('raw')", file: file) }
            return ["run_id", "record_number"].map { (arguments.first.map { "\($0)." } ?? "") + $0 }.joined(separator: ", ")
        }
        if name == "parse_date" {
            guard arguments.count == 2 else { throw misuse(name, "takes a text expression and a format ('typed.date_text', 'YYYY-MM-DD')", file: file) }
            return parseDate(arguments[0], format: arguments[1])
        }
        if name == "sorted_distinct" {
            guard arguments.count == 1 else { throw misuse(name, "takes one array expression ('catalogue.publics')", file: file) }
            return sortedDistinct(arguments[0])
        }
        if name == "kept_address" {
            return try keptAddress(arguments, file: file)
        }
        if name == "contact_modes" {
            guard (2...3).contains(arguments.count) else {
                throw misuse(name, "takes an e-mail, a phone and optionally a link expression ('s.courriel', 's.telephone')", file: file)
            }
            return contactModes(arguments)
        }
        guard (1...2).contains(arguments.count) else {
            throw misuse(name, "takes a key and optionally a jsonb expression ('key', 'expr')", file: file)
        }
        let key = arguments[0]
        let json = arguments.count == 2 ? arguments[1] : "data"
        switch name {
        case "text": return text(key, in: json)
        case "text_array": return textArray(key, in: json)
        case "lower_text_array": return textArray(key, in: json, lowered: true)
        case "number": return number(key, in: json)
        default: return date(key, in: json)
        }
    }

    static func text(_ key: String, in json: String) -> String {
        "nullif(btrim(\(json) \(key.hasPrefix("{") ? "#>>" : "->>") \(SQLText.literal(key)), \(whitespace)), '')"
    }

    static func textArray(_ key: String, in json: String, lowered: Bool = false) -> String {
        let value = "\(json) \(key.hasPrefix("{") ? "#>" : "->") \(SQLText.literal(key))"
        let item = "btrim(item.value, \(whitespace))"
        return """
            (
                select array_agg(\(lowered ? "lower(\(item))" : item) order by item.position)
                from jsonb_array_elements_text(
                    case jsonb_typeof(\(value))
                        when 'array' then \(value)
                        when 'string' then jsonb_build_array(\(value))
                    end
                ) with ordinality as item (value, position)
                where btrim(item.value, \(whitespace)) <> ''
            )
            """
    }

    static func textList(_ text: String) -> String {
        """
        (
            select array_agg(btrim(item.value, \(whitespace)) order by item.position)
            from string_to_table(\(text), ',') with ordinality as item (value, position)
            where btrim(item.value, \(whitespace)) <> ''
        )
        """
    }

    static func number(_ key: String, in json: String) -> String {
        "jsonb_path_query_first(\(json), \(SQLText.literal("$.\(key).double()")), '{}', true)::double precision"
    }

    static func date(_ key: String, in json: String) -> String {
        let written = "btrim(\(json) \(key.hasPrefix("{") ? "#>>" : "->>") \(SQLText.literal(key)))"
        return "case when \(written) ~ '^\\d{4}-\\d{2}-\\d{2}' then \(parseDate("left(\(written), 10)", format: "YYYY-MM-DD")) end"
    }

    static func parseDate(_ text: String, format: String) -> String {
        "(jsonb_path_query_first(to_jsonb(\(text)), \(SQLText.literal("$.datetime(\"\(format)\")")), '{}', true) #>> '{}')::date"
    }

    static func sortedDistinct(_ array: String) -> String {
        """
        (
            select array_agg(item.value order by item.value collate "C")
            from (select distinct unnest(\(array)) as value) as item
        )
        """
    }

    /// The address columns in their published order, with their types.
    static let addressColumns = [
        ("commune", "text"), ("code_postal", "text"), ("code_insee", "text"), ("adresse", "text"),
        ("complement_adresse", "text"), ("longitude", "double precision"), ("latitude", "double precision"),
    ]

    static func keptAddress(_ arguments: [String], file: String) throws -> String {
        guard arguments.count >= 2 else {
            throw misuse("kept_address", "takes a relation, a condition and the columns the source lacks ('structures', 'address.is_kept')", file: file)
        }
        let (relation, condition) = (arguments[0], arguments[1])
        let lacking = Set(arguments.dropFirst(2))
        if let unknown = lacking.first(where: { name in !addressColumns.contains { $0.0 == name } }) {
            throw misuse("kept_address", "names '\(unknown)', not an address column", file: file)
        }
        return addressColumns.map { name, type in
            lacking.contains(name)
                ? "null::\(type) as \(name)"
                : "case when \(condition) then \(relation).\(name) end as \(name)"
        }.joined(separator: ",\n")
    }

    static func contactModes(_ expressions: [String]) -> String {
        let modes = zip(expressions, ["envoyer-un-courriel", "telephoner", "utiliser-lien-mobilisation"]).map { expression, mode in
            "case when \(expression) is not null then '\(mode)' end"
        }
        return "nullif(array_remove(array[\(modes.joined(separator: ", "))], null), '{}')"
    }

    static func misuse(_ macro: String, _ reason: String, file: String) -> WarehouseError {
        .invalidModelConfig(file: file, reason: "{{ \(macro)() }} \(reason)")
    }
}

/// The arguments of a macro call: single-quoted strings (`''` for a quote),
/// separated by commas, optionally one bracketed list of them.
enum MacroArguments {
    static func parse(_ text: String, macro: String, file: String) throws -> [String] {
        var values: [String] = []
        var characters = Array(text)[...]
        func skip() { while let first = characters.first, first.isWhitespace || ",[]".contains(first) { characters.removeFirst() } }
        skip()
        while !characters.isEmpty {
            guard characters.removeFirst() == "'" else {
                throw ModelMacros.misuse(macro, "takes quoted arguments, not \(text)", file: file)
            }
            var value = ""
            while true {
                guard let next = characters.popFirst() else {
                    throw ModelMacros.misuse(macro, "has an unclosed quote in \(text)", file: file)
                }
                if next == "'" {
                    if characters.first == "'" { characters.removeFirst(); value.append("'"); continue }
                    break
                }
                value.append(next)
            }
            values.append(value)
            skip()
        }
        return values
    }
}

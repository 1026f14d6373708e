import Foundation
import WarehouseCore

/// A `mapped_by_seed` test declared on a column: every value of the column
/// (every element when it is an array) should be listed in a seed, mapped or
/// deliberately not. A value missing from the seed would silently map to
/// nothing, so it fails the test (a warning by default) and is listed by
/// `{{ unknown_values() }}` (the model int__unknown_values) until someone adds
/// it to the seed.
///
/// ```yaml
/// - name: thematique_ids
///   tests:
///     - mapped_by_seed: {seed: map_agefiph__thematiques, field: field_thematique, record_key: id}
/// ```
///
/// Arguments: `seed` and its `seed_column` (default `raw`), or `values: [...]`
/// for a fixed list; `seed_where`, a condition on the seed's rows (`known`);
/// `field`, the name the value is listed under (default the column);
/// `record_key`, what counts the records carrying the value (default
/// `record_number`); `where`, a condition on the model's rows; `source`, the
/// source slug (default the model's, `stg_mes_aides__aides` → `mes-aides`).
public struct ValueMapping: Sendable, Equatable {
    public var source: String
    public var model: String
    public var column: String
    public var field: String
    public var known: Known
    public var seedWhere: String?
    public var recordKey: String
    public var rowFilter: String?

    public enum Known: Sendable, Equatable {
        case seed(name: String, column: String)
        case values([String])
    }

    /// One row per (source, field, raw value, record) that nothing knows.
    public var unknownObservations: String {
        let column = "observed.\(SQLText.identifier(self.column))"
        let conditions = ["item.value is not null", rowFilter.map { "(\($0))" }, "not exists (\(knownValue))"]
            .compactMap { $0 }.joined(separator: "\n    and ")
        return """
            select \(SQLText.literal(source)) as source, \(SQLText.literal(field)) as field,
                item.value as raw_value, (\(recordKey))::text as record_key
            from {{ ref('\(model)') }} as observed
            -- an array gives its elements, a scalar itself
            cross join lateral jsonb_array_elements_text(
                case jsonb_typeof(to_jsonb(\(column)))
                    when 'array' then to_jsonb(\(column))
                    else jsonb_build_array(\(column))
                end
            ) as item (value)
            where \(conditions)
            """
    }

    private var knownValue: String {
        switch known {
        case .seed(let seed, let seedColumn):
            let filter = seedWhere.map { " and (\($0))" } ?? ""
            return "select from {{ ref('\(seed)') }} as known where known.\(SQLText.identifier(seedColumn)) = item.value\(filter)"
        case .values(let values):
            return "select from (values \(values.map { "(\(SQLText.literal($0)))" }.joined(separator: ", "))) as known (value) where known.value = item.value"
        }
    }

    /// The test's failing rows: one per unknown value, with its record count.
    public var testSQL: String {
        """
        select unknown.source, unknown.field, unknown.raw_value as value,
            count(distinct unknown.record_key) as occurrences
        from (\n\(unknownObservations)\n) as unknown
        group by unknown.source, unknown.field, unknown.raw_value
        """
    }

    /// Reads the arguments of a `mapped_by_seed` test.
    static func parse(_ arguments: [String: Any], model: String, column: String,
                      fail: (String) -> WarehouseError) throws -> ValueMapping {
        let known: Known
        if let values = arguments["values"] as? [Any] {
            known = .values(values.map { "\($0)" })
        } else if let seed = arguments["seed"] as? String {
            known = .seed(name: seed, column: arguments["seed_column"] as? String ?? "raw")
        } else {
            throw fail("needs seed: <name> or values: [...]")
        }
        return ValueMapping(
            source: arguments["source"] as? String ?? defaultSource(of: model),
            model: model, column: column, field: arguments["field"] as? String ?? column, known: known,
            seedWhere: arguments["seed_where"] as? String, recordKey: arguments["record_key"] as? String ?? "record_number",
            rowFilter: arguments["where"] as? String)
    }

    /// `stg_ma_boussole_aidants__structures` → `ma-boussole-aidants`.
    static func defaultSource(of model: String) -> String {
        let name = model.split(separator: "__").first.map(String.init) ?? model
        return name.replacingOccurrences(of: #"^(stg|int)_"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: "_", with: "-")
    }
}

/// `{{ unknown_values() }}`: every value that a `mapped_by_seed` test of the
/// project finds unknown, as a parenthesized select of (source, field,
/// raw_value, rows) where rows counts the distinct records carrying it.
enum UnknownValues {
    static let callPattern = try! NSRegularExpression(pattern: #"\{\{\s*unknown_values\s*\(\s*\)\s*\}\}"#)

    static func expand(_ sql: String, mappings: [ValueMapping]) -> String {
        let range = NSRange(sql.startIndex..., in: sql)
        guard callPattern.firstMatch(in: sql, range: range) != nil else { return sql }
        let union = mappings.map(\.unknownObservations).joined(separator: "\nunion all\n")
        let select = """
            (
            select unknown.source, unknown.field, unknown.raw_value, count(distinct unknown.record_key) as rows
            from (\n\(union)\n) as unknown
            group by unknown.source, unknown.field, unknown.raw_value
            )
            """
        return callPattern.stringByReplacingMatches(in: sql, range: range,
                                                    withTemplate: NSRegularExpression.escapedTemplate(for: select))
    }
}

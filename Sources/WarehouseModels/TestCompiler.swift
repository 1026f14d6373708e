import WarehouseCore

/// Turns a declared test into one `select` whose rows are the failures.
struct TestCompiler {
    let resolver: RelationResolver

    /// `isArrayColumn` says whether the tested column is an array, in which
    /// case accepted values are checked element by element.
    func sql(for test: TestDefinition, isArrayColumn: Bool) throws -> String {
        switch test.kind {
        case .singular(let sql):
            return try resolver.render(sql, owner: test.name)
        case .expressionIsTrue(let expression):
            return "select * from \(relation(test)) where not (\(expression))"
        default:
            break
        }
        guard let column = test.column.map(SQLText.identifier) else {
            throw WarehouseError.invalidModelConfig(file: test.model ?? test.name, reason: "test \(test.name) needs a column")
        }
        let table = relation(test)
        switch test.kind {
        case .unique:
            return "select \(column) as value, count(*) as occurrences from \(table) where \(column) is not null group by \(column) having count(*) > 1"
        case .notNull:
            return "select * from \(table) where \(column) is null"
        case .acceptedValues(let values):
            return acceptedValues(table: table, column: column, isArray: isArrayColumn,
                                  allowed: values.map(SQLText.literal).joined(separator: ", "))
        case .acceptedSeedValues(let seed, let seedColumn):
            return acceptedValues(table: table, column: column, isArray: isArrayColumn,
                                  allowed: "select \(SQLText.identifier(seedColumn)) from \(resolver.relation(for: seed))")
        case .relationships(let target, let field):
            // A set difference rather than `not exists`: staging views over
            // JSONB are estimated at one row, and the planner then picks a
            // nested-loop anti-join that rescans the parent view per child
            // (minutes at 100,000 rows). EXCEPT hashes each side once. One
            // failing row per distinct missing value.
            return """
                select child.\(column) as value from \(table) as child where child.\(column) is not null
                except
                select parent.\(SQLText.identifier(field)) from \(resolver.relation(for: target)) as parent
                """
        case .singular, .expressionIsTrue:
            fatalError("handled above")
        }
    }

    private func relation(_ test: TestDefinition) -> String {
        resolver.relation(for: test.model ?? "")
    }

    private func acceptedValues(table: String, column: String, isArray: Bool, allowed: String) -> String {
        if isArray {
            return "select item as value, count(*) as occurrences from \(table) cross join lateral unnest(\(column)) as item where item is not null and item::text not in (\(allowed)) group by item"
        }
        return "select \(column)::text as value, count(*) as occurrences from \(table) where \(column) is not null and \(column)::text not in (\(allowed)) group by \(column)"
    }
}

import WarehouseCore

extension ModelRunner {
    /// The `select` whose rows are a test's failures, as the test runs it,
    /// and whether the tested column is an array (accepted values are then
    /// checked element by element). Used to tell which source failing rows
    /// belong to.
    public func failingRowsSQL(for test: TestDefinition) async throws -> (sql: String, isArrayColumn: Bool) {
        let isArray = try await TestRunner(database: database, resolver: resolver, runID: runID).isArrayColumn(test)
        return (try TestCompiler(resolver: resolver).sql(for: test, isArrayColumn: isArray), isArray)
    }

    /// The sources whose raw records a model reads, directly or through the
    /// models it refers to.
    public func sourcesRead(by model: String) throws -> Set<String> {
        let lineage = try project.graph.select("+\(model)")
        return Set(lineage.compactMap(project.model(named:)).flatMap(\.sources).map(\.source))
    }
}

import Foundation
import PostgresNIO
import Testing
import WarehousePipeline
import WarehouseTestSupport
import WarehouseValidation

/// The validator and the marts apply the same rules: the demo's published
/// records, exported as a producer would send them, give the validator
/// exactly the (entity, id, field, rule) rows of marts.validation_errors.
@Suite struct ValidatorAgreementTests {
    @Test func theValidatorFindsWhatTheMartsFind() async throws {
        try await TestDatabase.withFreshDatabase(from: .refreshedDemo) { database, context in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validator-agreement-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            var paths: [String] = []
            for entity in Exporter.Entity.allCases {
                let file = folder.appendingPathComponent("\(entity.rawValue).jsonl")
                _ = try await Exporter.export(entity, format: .jsonl, to: file, withInternal: false, database: database)
                paths.append(file.path)
            }
            let report = try FileValidator(layout: context.layout).validate(paths: paths)
            #expect(report.problems.isEmpty)
            #expect(report.files.map(\.entity) == [.structures, .services])
            let published = try await database.scalarInt("select count(*) from marts.structures")
                + database.scalarInt("select count(*) from marts.services")
            #expect(report.files.reduce(0) { $0 + $1.rows } == published)

            let fromValidator = Set(report.errors.map { "\($0.entity.singular) \($0.id ?? "") \($0.field) \($0.rule)" })
            var fromMarts: Set<String> = []
            for row in try await database.rows("select entity, coalesce(id, ''), field, rule from marts.validation_errors") {
                let (entity, id, field, rule) = try row.decode((String, String, String, String).self)
                fromMarts.insert("\(entity) \(id) \(field) \(rule)")
            }
            // the demo's planted defects break several rules: the comparison is not vacuous
            #expect(Set(fromMarts.map { $0.split(separator: " ")[3] }).count >= 4)
            #expect(fromValidator.subtracting(fromMarts).sorted() == [], "found by the validator only")
            #expect(fromMarts.subtracting(fromValidator).sorted() == [], "found by the marts only")
        }
    }
}

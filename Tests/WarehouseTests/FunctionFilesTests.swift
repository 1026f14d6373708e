import Foundation
import Testing
import WarehouseCore
import WarehouseDatabase
import WarehouseTestSupport

/// `migrate` applies the function files of `sql/functions/` after the
/// migrations, again whenever a file's content changes, and in dependency
/// order whatever their names.
@Suite struct FunctionFilesTests {
    @Test func everyProjectFunctionFileIsRecordedWithItsChecksum() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let files = try FileManager.default.subpathsOfDirectory(
                atPath: TestDatabase.layout.root.appendingPathComponent("sql/functions").path)
                .filter { $0.hasSuffix(".sql") }
            #expect(files.count >= 10)
            #expect(try await database.scalarInt("select count(*) from ops.function_files") == files.count)
            // a function of each area answers
            #expect(try await database.scalarInt("select count(*) from (values (public.siret_is_valid('73282932000074')), (public.phone_e164('01 23 45 67 89') is not null)) as checks (ok) where ok") == 2)
            #expect(try await database.scalarInt("select (to_regprocedure('public.dedup_score_pair_features(jsonb, jsonb, jsonb, double precision, double precision)') is null and to_regprocedure('public.dedup_registry_conflict(jsonb, jsonb)') is not null and to_regprocedure('public.dedup_score_pair(jsonb, jsonb, jsonb, double precision, double precision)') is not null)::int") == 1)
        }
    }

    @Test func aChangedFileIsAppliedAgainAndAnUnchangedOneIsNot() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let folder = try Self.scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let migrations = folder.appendingPathComponent("migrations")
            let functions = folder.appendingPathComponent("functions/area")
            try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
            let file = functions.appendingPathComponent("answer.sql")
            try "create or replace function public.test_answer() returns int language sql return 41;"
                .write(to: file, atomically: true, encoding: .utf8)
            let migrator = Migrator(directory: migrations)

            #expect(try await migrator.migrate(database) == ["functions/area/answer.sql"])
            #expect(try await database.scalarInt("select public.test_answer()") == 41)
            #expect(try await migrator.migrate(database).isEmpty)

            try "create or replace function public.test_answer() returns int language sql return 42;"
                .write(to: file, atomically: true, encoding: .utf8)
            #expect(try await migrator.migrate(database) == ["functions/area/answer.sql"])
            #expect(try await database.scalarInt("select public.test_answer()") == 42)
        }
    }

    @Test func filesApplyInDependencyOrderWhateverTheirNames() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let folder = try Self.scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let migrations = folder.appendingPathComponent("migrations")
            let functions = folder.appendingPathComponent("functions")
            try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
            // a SQL-standard body is bound at creation: "a_" needs "z_", sorted after it
            try "create or replace function public.test_double_base() returns int language sql return public.test_base() * 2;"
                .write(to: functions.appendingPathComponent("a_double.sql"), atomically: true, encoding: .utf8)
            try "create or replace function public.test_base() returns int language sql return 21;"
                .write(to: functions.appendingPathComponent("z_base.sql"), atomically: true, encoding: .utf8)

            let applied = try await Migrator(directory: migrations).migrate(database)
            #expect(applied == ["functions/z_base.sql", "functions/a_double.sql"])
            #expect(try await database.scalarInt("select public.test_double_base()") == 42)
        }
    }

    @Test func aBrokenFileNamesItselfAndTheStatement() async throws {
        try await TestDatabase.withFreshDatabase { database, _ in
            let folder = try Self.scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let migrations = folder.appendingPathComponent("migrations")
            let functions = folder.appendingPathComponent("functions")
            try FileManager.default.createDirectory(at: migrations, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: functions, withIntermediateDirectories: true)
            try "create or replace function public.test_ok() returns int language sql return 1;\ncreate or replace function public.test_broken( returns int;"
                .write(to: functions.appendingPathComponent("broken.sql"), atomically: true, encoding: .utf8)

            await #expect {
                try await Migrator(directory: migrations).migrate(database)
            } throws: { error in
                let message = "\(error)"
                return message.contains("functions/broken.sql") && message.contains("statement 2")
            }
            // nothing of the broken file stays
            #expect(try await database.scalarInt("select count(*) from pg_proc where proname = 'test_ok'") == 0)
        }
    }

    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("function-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

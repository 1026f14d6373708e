import Foundation
import Logging
import PostgresNIO
import WarehouseCore

/// The SQL functions of `sql/functions/<area>/*.sql`: each file holds the
/// current definition of its functions (`create or replace`), so that
/// changing a function is editing its file, never a new migration that
/// renames and wraps the old one. `migrate` re-applies a file whose checksum
/// differs from the one recorded in `ops.function_files`, after the
/// migrations (which keep schemas, tables and data moves only).
struct FunctionFiles: Sendable {
    let directory: URL

    struct File: Sendable {
        let path: String
        let text: String
    }

    /// Every `.sql` file under the folder, by relative path.
    func files() throws -> [File] {
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var found: [File] = []
        let prefix = directory.standardizedFileURL.path + "/"
        for case let url as URL in walker where url.pathExtension == "sql" {
            let path = String(url.standardizedFileURL.path.dropFirst(prefix.count))
            found.append(File(path: path, text: try String(contentsOf: url, encoding: .utf8)))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// Applies the files that are new or changed; returns their paths.
    ///
    /// Function bodies are not checked at creation (`check_function_bodies`
    /// off): many functions read tables that the models build later. A file
    /// whose definitions need a function of another file not yet applied (a
    /// SQL-standard body is bound at creation) is retried after the others,
    /// so that files apply in dependency order without a hand-kept list.
    func apply(on connection: PostgresConnection, logger: Logger) async throws -> [String] {
        try await connection.execute("""
            create table if not exists ops.function_files (
                file_path text primary key,
                checksum text not null,
                applied_at timestamptz not null default now()
            )
            """, logger: logger)
        let recorded = try await connection.query("select file_path, checksum from ops.function_files", logger: logger)
            .collect().map { try $0.decode((String, String).self) }
        let checksums = Dictionary(uniqueKeysWithValues: recorded)
        var pending: [File] = []
        for file in try files() {
            let checksum = try await connection.query("select md5(\(file.text))", logger: logger)
                .collect().first?.decode(String.self)
            if checksums[file.path] != checksum { pending.append(file) }
        }

        var applied: [String] = []
        while !pending.isEmpty {
            var deferred: [(File, any Error)] = []
            for file in pending {
                do {
                    try await applyOne(file, on: connection, logger: logger)
                    applied.append(file.path)
                } catch where Self.isMissingDependency(error) {
                    deferred.append((file, error))
                }
            }
            if deferred.count == pending.count, let (file, error) = deferred.first {
                throw WarehouseError.migrationFailed(file: "functions/\(file.path)", statementIndex: 0,
                                                     reason: databaseErrorMessage(error))
            }
            pending = deferred.map(\.0)
        }
        return applied
    }

    private func applyOne(_ file: File, on connection: PostgresConnection, logger: Logger) async throws {
        let statements = SQLStatementSplitter.split(file.text)
        try await connection.transaction(logger: logger) { connection in
            try await connection.query("set local check_function_bodies = off", logger: logger)
            for (index, statement) in statements.enumerated() {
                do {
                    try await connection.execute(statement, logger: logger)
                } catch where !Self.isMissingDependency(error) {
                    throw WarehouseError.migrationFailed(file: "functions/\(file.path)", statementIndex: index,
                                                         reason: databaseErrorMessage(error))
                }
            }
            try await connection.query("""
                insert into ops.function_files (file_path, checksum) values (\(file.path), md5(\(file.text)))
                on conflict (file_path) do update set checksum = excluded.checksum, applied_at = now()
                """, logger: logger)
        }
        logger.info("applied function file", metadata: ["file": "\(file.path)"])
    }

    /// undefined_function, undefined_object, undefined table or schema: a
    /// definition that another file provides.
    private static func isMissingDependency(_ error: any Error) -> Bool {
        guard let code = databaseErrorCode(error) else { return false }
        return ["42883", "42704", "42P01", "3F000"].contains(code)
    }
}

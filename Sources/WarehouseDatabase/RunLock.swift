import Foundation
import Logging
import PostgresNIO
import WarehouseCore

/// One run at a time per warehouse database: refresh, load, models run and
/// test, and publish each hold a session advisory lock for their whole
/// duration. Two refreshes started together used to collide on the tables
/// they both create, and a slow one could see its unpublished build dropped
/// by the other. The lock lives on one connection of the pool: when the
/// process dies, the server closes that session and the lock is released,
/// which is how a run left `running` is recognized as abandoned.
public enum RunLock {
    /// The advisory lock key (pg_locks shows it as classid 0, objid this, objsubid 1).
    public static let key: Int64 = 7_011_986

    /// Runs `body` holding the lock. When another run holds it, `onWait`
    /// is told who, and the call waits; with `wait` false it throws
    /// `WarehouseError.runInProgress` at once. `body` receives the backend
    /// pid holding the lock, for the run registry. The lock lives on a
    /// connection of its own, outside the pool: a pool that counts a
    /// connection as in use never gives up when the server dies, and the
    /// run would wait for ever instead of failing.
    public static func holding<T: Sendable>(
        _ database: Database, wait: Bool, onWait: @Sendable (String) -> Void,
        _ body: @Sendable (_ lockBackendPID: Int) async throws -> T
    ) async throws -> T {
        let logger = database.logger
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: try database.url.connectionConfiguration(applicationName: ProcessTag.applicationName),
                id: 0, logger: logger)
        } catch {
            throw WarehouseError.databaseUnreachable(url: database.url.description, reason: databaseErrorMessage(error))
        }
        do {
            let value = try await holding(on: connection, wait: wait, onWait: onWait, logger: logger, body)
            try? await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    private static func holding<T: Sendable>(
        on connection: PostgresConnection, wait: Bool, onWait: @Sendable (String) -> Void, logger: Logger,
        _ body: @Sendable (_ lockBackendPID: Int) async throws -> T
    ) async throws -> T {
        let pid = try await connection.query("select pg_backend_pid()", logger: logger).collect()[0].decode(Int.self)
        let acquired = try await connection.query("select pg_try_advisory_lock(\(key))", logger: logger)
            .collect()[0].decode(Bool.self)
        if !acquired {
            let holder = try await describeHolder(on: connection, logger: logger)
            guard wait else { throw WarehouseError.runInProgress(holder: holder) }
            onWait("waiting for \(holder) to finish (--no-wait exits instead)")
            try await connection.query("select pg_advisory_lock(\(key))", logger: logger)
        }
        let value = try await body(pid)
        _ = try? await connection.query("select pg_advisory_unlock(\(key))", logger: logger)
        return value
    }

    /// The SQL condition "backend `pidColumn` holds the run lock in this database".
    static func heldByBackend(_ pidColumn: String) -> String {
        """
        exists (
            select 1 from pg_locks as l
            where l.locktype = 'advisory' and l.granted and l.pid = \(pidColumn)
              and l.database = (select oid from pg_database where datname = current_database())
              and l.classid = \(key >> 32) and l.objid = \(key & 0xFFFF_FFFF) and l.objsubid = 1
        )
        """
    }

    private static func describeHolder(on connection: PostgresConnection, logger: Logger) async throws -> String {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: """
            select r.run_id, r.command, to_char(r.started_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), r.process_id
            from ops.runs as r
            where r.status = 'running' and \(heldByBackend("r.lock_backend_pid"))
            order by r.run_id desc limit 1
            """), logger: logger).collect()
        guard let row = rows.first else { return "another warehouse command (it has not registered its run yet)" }
        let (runID, command, started, process) = try row.decode((Int64, String, String, Int?).self)
        let processText = process.map { ", process \($0)" } ?? ""
        return "run \(runID) (\(command), started \(started) UTC\(processText))"
    }
}

import Foundation
import WarehouseCore
#if canImport(Glibc)
import Glibc
#endif

/// The embedded cluster's passwords, one file per role in
/// `<home>/secrets` (folder 0700, files 0600, owned by whoever runs the
/// warehouse; the server user never reads them: the server keeps its own
/// SCRAM verifiers).
struct ClusterSecrets {
    let directory: URL

    func file(for role: WarehouseRole) -> URL {
        directory.appendingPathComponent("\(role.roleName).password")
    }

    func password(for role: WarehouseRole) -> String? {
        guard let text = try? String(contentsOf: file(for: role), encoding: .utf8) else { return nil }
        let password = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return password.isEmpty ? nil : password
    }

    func prepareDirectory() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: directory.path)
    }

    /// 32 bytes from the system's secure random source (getrandom), as hex:
    /// nothing in it needs quoting in SQL, URLs or files.
    static func generatePassword() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }

    /// Writes the file whole and only then gives it its name, so a reader
    /// never sees half a password; mode 0600 from its creation.
    func store(_ password: String, for role: WarehouseRole) throws {
        let final = file(for: role)
        let temporary = directory.appendingPathComponent(".\(role.roleName).\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw failure("create \(temporary.path)") }
        let bytes = Array((password + "\n").utf8)
        let written = write(descriptor, bytes, bytes.count)
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0, rename(temporary.path, final.path) == 0 else {
            let error = failure("write \(final.path)")
            unlink(temporary.path)
            throw error
        }
    }

    /// Runs `body` while holding an exclusive lock on the folder, so two
    /// commands starting together do not both set different passwords.
    func withLock<T>(_ body: () throws -> T) throws -> T {
        let lockPath = directory.appendingPathComponent(".lock").path
        let descriptor = open(lockPath, O_RDWR | O_CREAT, 0o600)
        guard descriptor >= 0 else { throw failure("open \(lockPath)") }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw failure("lock \(lockPath)") }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private func failure(_ action: String) -> WarehouseError {
        .clusterFailed(step: "secrets", output: "cannot \(action): \(String(cString: strerror(errno)))")
    }
}

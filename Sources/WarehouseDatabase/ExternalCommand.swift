import Foundation
import WarehouseCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program and collects what it printed. The embedded cluster is
/// driven through PostgreSQL's own tools (initdb, pg_ctl), which refuse to
/// run as root, hence `asUser`.
///
/// posix_spawn and waitpid are used rather than Foundation's Process: the
/// server that `pg_ctl start` leaves running inherits descriptors that keep
/// Process waiting after pg_ctl itself has exited.
struct ExternalCommand {
    struct Result {
        let status: Int32
        let output: String
    }

    /// `environment` adds to (or replaces in) the warehouse's own; a
    /// password goes there rather than in the arguments, which every local
    /// user can read in the process list.
    static func run(_ executable: String, _ arguments: [String], asUser user: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        var argv = [executable] + arguments
        if let user { argv = [try locate("runuser", package: "util-linux"), "-u", user, "--"] + argv }
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var variables = ProcessInfo.processInfo.environment
        variables.merge(environment) { $1 }
        var cEnvironment = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cEnvironment.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else {
            throw WarehouseError.clusterFailed(step: argv[0], output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = (status & 0x7f) == 0
        return Result(status: exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), output: output)
    }

    /// Finds a program on PATH or in the usual system folders.
    static func locate(_ name: String, package: String, extraDirectories: [String] = []) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let directories = extraDirectories + path.split(separator: ":").map(String.init) + ["/usr/sbin", "/sbin", "/usr/bin"]
        for directory in directories {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw WarehouseError.missingBinary(name: name, debianPackage: package)
    }
}

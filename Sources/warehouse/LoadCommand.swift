import ArgumentParser
import Foundation
import WarehousePipeline

struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load snapshot files into the raw tables only (no models, no publishing).",
        discussion: "Each record lands in raw.<source>__<stream> with the run id, file name, sha256 and record number; records that are not objects or lack an id go to raw.rejects with the reason."
    )

    @Option(name: .long, help: ArgumentHelp("Snapshot folder (or one source's folder).", valueName: "dir"))
    var snapshots: String

    @OptionGroup var loadPolicy: LoadPolicyOptions
    @OptionGroup var lock: RunLockOptions
    @OptionGroup var options: GlobalOptions

    func run() async throws {
        try await reportingErrors {
            let results = try await Operations.load(context: try options.context(), snapshots: URL(fileURLWithPath: snapshots),
                                                    loadPolicy: loadPolicy.policy, waitForLock: lock.waitForLock,
                                                    progress: options.progress)
            for result in results {
                print("\(result.source): \(result.status.rawValue), \(result.rowsLoaded) loaded, \(result.rowsRejected) rejected"
                      + (result.error.map { " — \($0)" } ?? ""))
            }
            let failed = results.filter { [.failed, .held].contains($0.status) }.map(\.source)
            if !failed.isEmpty {
                print("Failed or held-back sources (previous data kept): \(failed.joined(separator: ", "))")
                throw ExitCode.failure
            }
        }
    }
}

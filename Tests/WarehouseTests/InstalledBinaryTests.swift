import Foundation
import Testing
import WarehouseCore
import WarehouseTestSupport

/// A binary installed by `scripts/install` runs from any folder: it finds its
/// models, seeds and bundled data under `<prefix>/share/warehouse`.
@Suite struct InstalledBinaryTests {
    /// The `warehouse` executable built beside this test bundle.
    static var builtBinary: URL? {
        guard let folder = ProjectLayout.runningExecutable()?.deletingLastPathComponent() else { return nil }
        let binary = folder.appendingPathComponent("warehouse")
        return FileManager.default.isExecutableFile(atPath: binary.path) ? binary : nil
    }

    @Test func anInstalledBinaryFindsItsResourcesFromAnyFolder() throws {
        let binary = try #require(Self.builtBinary, "build the executable first: swift build --build-tests")
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }

        let install = try run(TestDatabase.layout.root.appendingPathComponent("scripts/install"),
                              ["--prefix", prefix.path, "--binary", binary.path], in: TestDatabase.layout.root)
        #expect(install.status == 0, "\(install.output)")

        let installed = prefix.appendingPathComponent("bin/warehouse")
        let models = try run(installed, ["models", "list"], in: URL(fileURLWithPath: "/"))
        #expect(models.status == 0, "\(models.output)")
        #expect(models.output.contains("int__structures_v1"))
        #expect(models.output.contains("stg_dora__structures"))

        // Bundled referentials are read from the install too.
        let out = prefix.appendingPathComponent("generated")
        let generate = try run(installed, ["generate", "--seed", "3", "--scale", "0.01", "--out", out.path],
                               in: URL(fileURLWithPath: "/"))
        #expect(generate.status == 0, "\(generate.output)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("dora").path))
    }

    @Test func aBareCopyOfTheBinarySaysHowToInstallIt() throws {
        let binary = try #require(Self.builtBinary, "build the executable first: swift build --build-tests")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("warehouse-bare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("warehouse")
        try FileManager.default.copyItem(at: binary, to: copy)

        let result = try run(copy, ["models", "list"], in: folder)
        #expect(result.status != 0)
        #expect(result.output.contains("scripts/install"))
    }

    private func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "WAREHOUSE_PROJECT_DIR")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

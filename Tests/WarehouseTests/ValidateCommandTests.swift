import Foundation
import Testing
import WarehouseCore
import WarehouseTestSupport

/// `warehouse validate` as a producer runs it: the table and summary on
/// standard output, exit code 0 for a valid file, 1 for broken rows, 2 for
/// a file it cannot check; no database is needed.
@Suite struct ValidateCommandTests {
    typealias F = ValidatorFixtures

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = try #require(InstalledBinaryTests.builtBinary, "build the executable first: swift build --build-tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["validate"] + arguments
        process.currentDirectoryURL = TestDatabase.layout.root
        var environment = ProcessInfo.processInfo.environment
        // proves no database is used: none can be reached
        environment["DATABASE_URL"] = "postgres://nobody@127.0.0.1:1/none"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func exitCodesTellValidBrokenAndUnreadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validate-command-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let valid = folder.appendingPathComponent("structures.csv")
        try Data(F.csv([F.structure], delimiter: ";").utf8).write(to: valid)
        let (validStatus, validOutput) = try Self.run([valid.path])
        #expect(validStatus == 0, "\(validOutput)")
        #expect(validOutput.contains("Valide. Aucune erreur"))

        let broken = folder.appendingPathComponent("services.json")
        try F.jsonArray([F.row(F.service, ["type": "atelierr", "nombre_semaines": "0"])]).write(to: broken)
        let (brokenStatus, brokenOutput) = try Self.run([valid.path, broken.path])
        #expect(brokenStatus == 1)
        #expect(brokenOutput.contains("vouliez-vous dire « atelier »"))
        #expect(brokenOutput.contains("Erreurs par règle : enum 1, minimum 1"), "\(brokenOutput)")
        let (jsonStatus, json) = try Self.run([broken.path, "--format", "json"])
        #expect(jsonStatus == 1)
        let report = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect((report?["errors"] as? [Any])?.count == 2)

        let tooBig = folder.appendingPathComponent("gros.csv")
        try Data(F.csv((0..<6_000).map { F.row(F.structure, id: "x--\($0)") }).utf8).write(to: tooBig)
        let (bigStatus, bigOutput) = try Self.run([tooBig.path, "--max-size-mb", "1"])
        #expect(bigStatus == 2)
        #expect(bigOutput.contains("plus que les 1 Mo que le valideur accepte"), "\(bigOutput)")
        let (rowsStatus, rowsOutput) = try Self.run([tooBig.path, "--max-rows", "10"])
        #expect(rowsStatus == 2)
        #expect(rowsOutput.contains("plus de 10 lignes"))

        let (usageStatus, _) = try Self.run([valid.path, broken.path, "--entity", "services"])
        #expect(usageStatus == 64)
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import WarehouseTestSupport

/// `POST /api/v1/valideur` with multipart uploads, and the `/valideur/` page
/// driven in headless Chromium: a file is put in its input, the button
/// clicked, the rendered table read back.
@Suite struct ValideurEndpointTests {
    typealias F = ValidatorFixtures

    static let structures = F.csv([F.structure, F.row(F.structure, id: "mon-territoire--s2", ["siret": "1234", "nom": "ab"])], delimiter: ";")
    static let services = F.csv([F.row(F.service, ["structure_id": "mon-territoire--inconnue"])])

    static func multipart(_ parts: [(name: String, fileName: String?, data: Data)], boundary: String = "----valideur-\(UUID())") -> (Data, String) {
        var body = Data()
        for part in parts {
            body += Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\"".utf8)
            if let fileName = part.fileName { body += Data("; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream".utf8) }
            body += Data("\r\n\r\n".utf8) + part.data + Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    static func post(_ harness: APITestHarness, _ parts: [(name: String, fileName: String?, data: Data)]) async throws -> APITestHarness.Reply {
        let (body, contentType) = multipart(parts)
        return try await harness.get("/api/v1/valideur", token: .some(nil), headers: ["Content-Type": contentType], method: "POST", body: body)
    }

    @Test func theEndpointAnswersTheReportOfTwoFiles() async throws {
        try await APITestHarness.with { harness in
            let reply = try await Self.post(harness, [("structures", "mes-structures.csv", Data(Self.structures.utf8)),
                                                      ("services", "mes-services.csv", Data(Self.services.utf8))])
            #expect(reply.status == 200, "\(reply.text)")
            let report = reply.object
            #expect(report["valid"] as? Bool == false)
            let errors = report["errors"] as? [[String: Any]] ?? []
            let found = errors.map { "\($0["file"]!) \($0["row"]!) \($0["field"]!) \($0["rule"]!)" }.sorted()
            #expect(found == ["mes-services.csv 1 structure_id foreign_key", "mes-structures.csv 2 nom min_length", "mes-structures.csv 2 siret pattern"])
            #expect(errors.allSatisfy { ($0["message"] as? String)?.isEmpty == false })
            let summary = report["summary"] as? [String: Any] ?? [:]
            #expect(summary["rows"] as? Int == 3)
            #expect(summary["invalid_rows"] as? Int == 2)
            let files = report["files"] as? [[String: Any]] ?? []
            #expect(files.compactMap { $0["delimiter"] as? String } == [";", ","])
        }
    }

    @Test func aValidFileGuessedFromItsColumnsAndV0() async throws {
        try await APITestHarness.with { harness in
            let valid = try await Self.post(harness, [("file", "export.json", F.jsonArray([F.service]))])
            #expect(valid.status == 200)
            #expect(valid.object["valid"] as? Bool == true, "\(valid.text)")
            #expect((valid.object["files"] as? [[String: Any]])?.first?["entity"] as? String == "services")
            let example = try Data(contentsOf: TestDatabase.layout.root.appendingPathComponent("data/schema/v0/examples/structure-example.json"))
            let v0 = try await Self.post(harness, [("structures", "structure-example.json", example), ("schema", nil, Data("v0".utf8))])
            #expect(v0.object["schema"] as? String == "v0")
            #expect((v0.object["errors"] as? [Any])?.count == 3)
        }
    }

    @Test func badRequestsAreExplained() async throws {
        try await APITestHarness.with { harness in
            let notMultipart = try await harness.get("/api/v1/valideur", token: .some(nil), headers: ["Content-Type": "text/csv"],
                                                     method: "POST", body: Data(Self.structures.utf8))
            #expect(notMultipart.status == 400)
            #expect((notMultipart.object["detail"] as? String)?.contains("multipart/form-data") == true)
            let noFile = try await Self.post(harness, [("schema", nil, Data("v1".utf8))])
            #expect(noFile.status == 422)
            let badSchema = try await Self.post(harness, [("file", "s.csv", Data(Self.structures.utf8)), ("schema", nil, Data("v2".utf8))])
            #expect(badSchema.status == 422)
            #expect((badSchema.object["detail"] as? String)?.contains("v1 ou v0") == true)
        }
    }

    @Test func anUploadOverTheLimitIsA413() async throws {
        try await APITestHarness.with { harness in
            // over the two files' 5 MB each that the page accepts
            let huge = Data(repeating: UInt8(ascii: "a"), count: 11 * 1_048_576)
            let reply = try await Self.post(harness, [("structures", "huge.csv", huge)])
            #expect(reply.status == 413)
            #expect((reply.object["detail"] as? String)?.contains("au plus 5 Mo") == true, "\(reply.text)")
            // a file over the per-file limit inside an accepted body: the report says which file
            let big = Data(F.csv([F.structure]).utf8) + Data(repeating: UInt8(ascii: "\n"), count: 6 * 1_048_576)
            let fileReply = try await Self.post(harness, [("structures", "gros.csv", big)])
            #expect(fileReply.status == 200)
            let problems = fileReply.object["problems"] as? [[String: Any]] ?? []
            #expect(problems.map { $0["rule"] as? String } == ["too_large"])
            #expect(problems.first?["file"] as? String == "gros.csv")
        }
    }

    @Test func thePageShowsTheErrorsInATableInChromium() async throws {
        try await APITestHarness.with { harness in
            // /valideur redirects to the folder, from which the page's relative call resolves
            let redirect = try Self.curl(["-s", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                                          harness.base.appendingPathComponent("valideur").absoluteString])
            #expect(redirect == "301 " + harness.base.appendingPathComponent("valideur/").absoluteString)
            let page = try await harness.get("/valideur/", token: .some(nil))
            #expect(page.status == 200)
            #expect(page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)

            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("valideur-page-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let structures = folder.appendingPathComponent("structures.csv")
            let services = folder.appendingPathComponent("services.xlsx")
            try Data(Self.structures.utf8).write(to: structures)
            try F.xlsx([F.row(F.service, ["structure_id": "mon-territoire--inconnue", "publics": "tous-publics,jeunes"])]).write(to: services)
            let screenshot = folder.appendingPathComponent("valideur.png")
            let output = try Self.runChromium([
                harness.base.appendingPathComponent("valideur/").absoluteString,
                "--file", "#structures=\(structures.path)", "--file", "#services=\(services.path)",
                "--click", "#valider", "--done", "document.body.dataset.etat === 'fini'",
                "--rows", "#erreurs tbody tr", "--text", "#resume", "--text", "#statut", "--screenshot", screenshot.path,
            ])
            #expect(output["done"] as? Bool == true)
            #expect(output["console_errors"] as? [String] == [])
            let rows = output["rows"] as? [[String]] ?? []
            let seen = rows.map { "\($0[0]) \($0[1]) \($0[3]) \($0[5])" }.sorted()
            #expect(seen == ["services.xlsx 1 publics tous_publics_exclusive", "services.xlsx 1 structure_id foreign_key",
                             "structures.csv 2 nom min_length", "structures.csv 2 siret pattern"], "\(output["texts"] ?? "")")
            #expect(rows.allSatisfy { $0.count == 7 && !$0[6].isEmpty })
            let texts = output["texts"] as? [String: Any] ?? [:]
            #expect((texts["#resume"] as? String)?.hasPrefix("Non valide. 4 erreurs sur 2 lignes (sur 3)") == true, "\(texts)")
            let png = try Data(contentsOf: screenshot)
            if let keep = ProcessInfo.processInfo.environment["VALIDEUR_SCREENSHOT"] { try? png.write(to: URL(fileURLWithPath: keep)) }
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        }
    }

    /// curl's output (it does not follow redirects unless told).
    static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl"] + arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Tests/Fixtures/chromium/upload-and-render.py, its JSON output.
    static func runChromium(_ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestDatabase.layout.root.appendingPathComponent("Tests/Fixtures/chromium/upload-and-render.py").path] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw HarnessError(message: "chromium run failed (\(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
        return json
    }
}

import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseGenerator

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write realistic raw snapshots of five sources with known duplicates, and their truth file.",
        discussion: """
            Builds organisations from the real town halls and communes (data/referentiels, \
            dbt-like-models/seeds/ref_communes.csv) plus related bodies (CCAS, France Services, \
            missions locales and their antennes, national networks' branches…), publishes each in \
            one to four of dora, emplois-de-linclusion, soliguide, mediation-numerique and finess \
            with realistic noise, and writes DIR/<source>/… in each source's real format and \
            DIR/truth.csv (source,native_id,entity). Scale 1 is about 10,000 structure records. \
            The same seed gives the same bytes. Then: warehouse refresh --snapshots DIR; \
            warehouse dedup evaluate --truth DIR/truth.csv. docs/generate.md lists every rate.
            """
    )

    @Option(help: ArgumentHelp("Folder to write (created; files in it are replaced).", valueName: "dir")) var out: String
    @Option(help: "Random seed: the same seed and scale give the same files.") var seed: UInt64 = 1
    @Option(help: "Size: 1 ≈ 10,000 structure records, 10 ≈ 100,000 (at most about 11.7: every commune used).") var scale = 1.0
    @Option(help: ArgumentHelp("The project folder (for the referentials).", valueName: "dir")) var projectDir: String?
    @Flag(name: .shortAndLong, help: "Print only the summary.") var quiet = false

    func run() async throws {
        try await reportingErrors {
            let root = try ProjectLayout.locate(explicit: projectDir).root
            let generator = SnapshotGenerator(mairies: root.appendingPathComponent("data/referentiels/mairies.csv"),
                                              communes: root.appendingPathComponent("dbt-like-models/seeds/ref_communes.csv"),
                                              seed: seed, scale: scale)
            let started = Date()
            let summary: GenerationSummary
            do {
                summary = try generator.write(to: URL(fileURLWithPath: out)) { step in
                    if !quiet { FileHandle.standardError.write(Data("… \(step)\n".utf8)) }
                }
            } catch let error as WarehouseError {
                throw error
            } catch {
                throw WarehouseError.invalidArgument("generation failed: \(error)")
            }
            print(summary.report)
            print(String(format: "written to %@ in %.1f s", out, Date().timeIntervalSince(started)))
        }
    }
}

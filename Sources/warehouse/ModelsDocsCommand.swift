import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseModels

extension ModelsCommand {
    struct Docs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "docs",
            abstract: "Write the data dictionary: every published marts relation and column with its description, from the models' YAML.",
            discussion: """
                The descriptions come from dbt-like-models/models/marts/*.yml, the same text the publisher puts as \
                comments on the marts.* views. Keep docs/data-dictionary.md current after editing them:
                  warehouse models docs --out docs/data-dictionary.md
                --check compares instead of writing, and fails when the file is out of date.
                """
        )

        @Option(name: .long, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var out: String?

        @Flag(name: .long, help: "With --out: exit with an error if the file differs from what would be written; write nothing.")
        var check = false

        @Option(name: .long, help: ArgumentHelp("The project folder.", valueName: "dir"))
        var projectDir: String?

        func validate() throws {
            if check && out == nil { throw ValidationError("--check needs --out FILE: the file to compare") }
        }

        func run() async throws {
            try await reportingErrors {
                let project = try ModelProject.load(from: try ProjectLayout.locate(explicit: projectDir).modelsDirectory)
                let text = DataDictionary.markdown(project)
                guard let out else { print(text, terminator: ""); return }
                let url = URL(fileURLWithPath: out)
                if check {
                    let current = try? String(contentsOf: url, encoding: .utf8)
                    guard current == text else {
                        throw WarehouseError.invalidArgument("\(out) is out of date: run `warehouse models docs --out \(out)`")
                    }
                    print("\(out) is up to date")
                    return
                }
                do {
                    try text.write(to: url, atomically: true, encoding: .utf8)
                } catch {
                    throw WarehouseError.unreadableFile(file: out, reason: "cannot write: \(error.localizedDescription)")
                }
                print("wrote \(out): \(DataDictionary.publishedModels(of: project).count) relations")
            }
        }
    }
}

import ArgumentParser
import Foundation
import WarehouseCore
import WarehouseModels
import WarehousePipeline

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List, build, test and draw the SQL models of dbt-like-models/.",
        subcommands: [List.self, Run.self, Test.self, Graph.self, Docs.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the models in build order with their layer and materialization.")

        @Option(name: .long, help: ArgumentHelp("The project folder.", valueName: "dir"))
        var projectDir: String?

        func run() async throws {
            try await reportingErrors {
                let project = try ModelProject.load(from: try ProjectLayout.locate(explicit: projectDir).modelsDirectory)
                for name in try project.graph.topologicalOrder() {
                    guard let model = project.model(named: name) else { continue }
                    let tests = model.tests.count
                    print("\(model.layer.padding(toLength: 13, withPad: " ", startingAt: 0)) \(model.materialized.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) \(name)  (\(tests) test\(tests == 1 ? "" : "s"))")
                }
                print("\(project.models.count) models, \(project.seeds.count) seeds, \(project.tests.count) tests")
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build models in dependency order into a new mart version (publish it with `warehouse publish`).",
            discussion: "--select NAME builds one model, NAME+ also its descendants, +NAME also its ancestors.")

        @Option(name: .long, help: ArgumentHelp("Model selector: NAME, NAME+ or +NAME.", valueName: "selector"))
        var select: String?

        @OptionGroup var lock: RunLockOptions
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await reportingErrors {
                let (build, results) = try await Operations.runModels(context: try options.context(), selector: select,
                                                                      waitForLock: lock.waitForLock, progress: options.progress)
                let failed = results.filter { $0.status != .succeeded }
                print("\(results.count - failed.count)/\(results.count) models built into \(build.schema)")
                for result in failed { print("  \(result.status.rawValue) \(result.model): \(result.error ?? "")") }
                if !failed.isEmpty { throw ExitCode.failure }
            }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the declared tests on the newest built version; failing rows go to ops.test_failures.")

        @Option(name: .long, help: ArgumentHelp("Only the tests of these models: NAME, NAME+ or +NAME.", valueName: "selector"))
        var select: String?

        @OptionGroup var lock: RunLockOptions
        @OptionGroup var options: GlobalOptions

        func run() async throws {
            try await reportingErrors {
                let outcomes = try await Operations.testModels(context: try options.context(), selector: select,
                                                               waitForLock: lock.waitForLock, progress: options.progress)
                let blocking = outcomes.filter(\.blocksPublishing)
                print("\(outcomes.count) tests: \(outcomes.filter { $0.status == .passed }.count) passed, \(blocking.count) blocking failures")
                if !blocking.isEmpty { throw ExitCode.failure }
            }
        }
    }

    struct Graph: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the dependency graph as text or Graphviz DOT.")

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, dot }

        @Option(name: .long, help: "text (one line per model with its inputs) or dot (pipe into `dot -Tsvg`).")
        var format: Format = .text

        @Option(name: .long, help: ArgumentHelp("The project folder.", valueName: "dir"))
        var projectDir: String?

        func run() async throws {
            try await reportingErrors {
                let project = try ModelProject.load(from: try ProjectLayout.locate(explicit: projectDir).modelsDirectory)
                print(format == .dot ? try GraphRenderer.dot(project) : try GraphRenderer.text(project))
            }
        }
    }
}

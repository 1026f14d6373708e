import ArgumentParser
import Foundation
import WarehouseCore
import WarehousePipeline

struct DedupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Explain, judge and steer the cross-source duplicate clusters.",
        discussion: """
            Every refresh scores candidate pairs of structures (dedup.pairs, with features, score, \
            decision and reason), clusters the matches and gives each cluster an id that stays \
            stable from run to run (marts.structures.cluster_id, dedup.clusters). docs/dedup.md \
            describes the rules.
            """,
        subcommands: [DedupExplainCommand.self, DedupEvaluateCommand.self, DedupDecideCommand.self]
    )
}

struct DedupExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print the features, weights, score and decision for any two structures.",
        discussion: "Example: warehouse dedup explain dora--1a2b emplois-de-linclusion--9f8e"
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The first structure's id (as in marts.structures.id).") var first: String
    @Argument(help: "The second structure's id.") var second: String

    func run() async throws {
        try await reportingErrors {
            let report = try await options.context().withDatabase { try await PairExplanation($0).explain(first, second) }
            print("\(report.leftID)  ↔  \(report.rightID)")
            let rows = report.features.map { feature in
                [feature.feature, feature.leftValue ?? "–", feature.rightValue ?? "–", feature.level ?? "",
                 feature.weight.map { String(format: "%+.2f", $0) } ?? ""]
            }
            print(TextTable.render(header: ["feature", "left", "right", "level", "weight"], rows: rows))
            if let decision = report.scoredDecision {
                print("last refresh: \(decision) — \(report.scoredReason ?? "") (blocked by \(report.blockingRules.joined(separator: ", ")))")
            } else {
                print("last refresh: not a candidate pair (no blocking rule brought them together)")
            }
            if let manual = report.manualDecision { print("manual decision: \(manual)") }
            let together = report.leftCluster != nil && report.leftCluster == report.rightCluster
            print("clusters: \(report.leftCluster ?? "?") and \(report.rightCluster ?? "?")\(together ? " (same cluster)" : "")")
        }
    }
}

struct DedupEvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Pairwise precision, recall and F1 of the published clusters against a truth file.",
        discussion: """
            The truth file is a CSV with the columns source,native_id,entity (as written by \
            `warehouse generate`): records of one real organisation share an entity. Only records \
            present in marts.structures count. Prints the worst false merges and misses with the \
            scoring's reason, and why true pairs were missed.
            """
    )

    @OptionGroup var options: GlobalOptions
    @Option(help: "The truth CSV (source,native_id,entity).") var truth: String
    @Option(help: "How many false merges and misses to print.") var examples = 10

    func run() async throws {
        try await reportingErrors {
            let rows = try ClusterEvaluation.readTruth(URL(fileURLWithPath: truth))
            let report = try await options.context().withDatabase {
                try await ClusterEvaluation($0).evaluate(truth: rows, examples: examples)
            }
            let metrics = report.metrics
            print("truth rows \(metrics.truthRows), found in marts.structures \(metrics.matchedRows)")
            print("pairs: predicted \(metrics.predictedPairs), true \(metrics.truePairs), correct \(metrics.correctPairs)")
            print(String(format: "precision %.4f  recall %.4f  F1 %.4f", metrics.precision, metrics.recall, metrics.f1))
            printErrors("worst false merges (same cluster, different organisations)", report.falseMerges)
            printErrors("misses (same organisation, different clusters)", report.misses)
            if !report.missCauses.isEmpty {
                print("\nwhy true pairs were missed:")
                for cause in report.missCauses { print("  \(cause.pairs)\t\(cause.cause)") }
            }
        }
    }

    private func printErrors(_ title: String, _ errors: [ClusterEvaluation.PairError]) {
        print("\n\(title): \(errors.isEmpty ? "none" : "")")
        for error in errors {
            let weight = error.matchWeight.map { String(format: "%+.2f", $0) } ?? "–"
            print("  \(error.leftID) ↔ \(error.rightID)  [\(error.decision ?? "not scored") \(weight)] \(error.reason)")
        }
    }
}

struct DedupDecideCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a manual must-link or cannot-link between two structures; the next refresh honours it.",
        discussion: "Example: warehouse dedup decide dora--1a2b soliguide--77 cannot-link --note \"two different CCAS\""
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The first structure's id.") var first: String
    @Argument(help: "The second structure's id.") var second: String
    @Argument(help: "must-link or cannot-link.") var decision: String
    @Option(help: "Why, for the next operator.") var note: String?

    func run() async throws {
        try await reportingErrors {
            try await options.context().withDatabase {
                try await PairExplanation($0).decide(first, second, decision: decision, note: note)
            }
            print("Recorded \(decision) between \(first) and \(second); it applies from the next refresh.")
        }
    }
}

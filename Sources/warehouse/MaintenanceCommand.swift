import ArgumentParser
import Foundation
import WarehouseReporting

struct MaintenanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintenance",
        abstract: "Keep the consumption events' monthly partitions: create the months ahead, drop those older than the retention.",
        discussion: """
            api.consumption_events is partitioned by UTC month (api.consumption_events_YYYY_MM), with a default \
            partition that takes an event whose month has no partition yet, so no event is refused. This command \
            creates the partitions of the current month and the next \(EventMaintenance.monthsAhead), moves into \
            them the events the default partition took, and drops every month that ended before the first day \
            of the month --retention-months before this one: with 13, on 2026-12-03 the months up to October 2025 \
            go and November 2025 stays, so no event goes before it is 13 months old.

            Safe to run at any time, the API serving meanwhile (each change is a short transaction; a second \
            run does nothing). Run it daily, e.g. from cron:
              warehouse maintenance --retention-months 13
            --dry-run says what would be done and changes nothing. docs/reporting.md describes the views over the events.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Months of consumption events to keep (at least 1).", valueName: "months"))
    var retentionMonths = EventMaintenance.defaultRetentionMonths

    @Flag(name: .long, help: "Say what would be created, dropped and deleted; change nothing.")
    var dryRun = false

    @OptionGroup var options: GlobalOptions

    func validate() throws {
        guard retentionMonths >= 1 else { throw ValidationError("--retention-months must be at least 1 (got \(retentionMonths))") }
    }

    func run() async throws {
        try await reportingErrors {
            try await options.context().withDatabase { database in
                let maintenance = EventMaintenance(database)
                let outcome = try await maintenance.run(retentionMonths: retentionMonths, dryRun: dryRun)
                print(outcome.summary)
                if !options.quiet {
                    let partitions = try await maintenance.partitions()
                    print("  partitions now: " + partitions.map { "\($0.month) (\($0.events))" }.joined(separator: ", "))
                }
            }
        }
    }
}

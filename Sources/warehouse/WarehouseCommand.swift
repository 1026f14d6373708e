import ArgumentParser

@main
struct WarehouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse",
        abstract: "A data warehouse of France's social-inclusion offer (data·inclusion schema v1) over PostgreSQL.",
        discussion: """
            Typical use:
              warehouse refresh                      load the bundled demo snapshots, build, test and publish
              warehouse refresh --snapshots DIR      the same with DIR/<source-slug>/<stream>.<ext>
              warehouse export services --format jsonl --out services.jsonl

            Every command uses --database-url, else DATABASE_URL, else an embedded PostgreSQL under
            $WAREHOUSE_HOME (default ./.warehouse), started on demand. Pending migrations are applied first.
            """,
        subcommands: [
            RefreshCommand.self, LoadCommand.self, SourcesCommand.self, ModelsCommand.self, PublishCommand.self,
            ExportCommand.self, DatabaseCommand.self, MigrateCommand.self,
        ]
    )
}

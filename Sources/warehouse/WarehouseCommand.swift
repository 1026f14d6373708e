import ArgumentParser

@main
struct WarehouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "warehouse",
        abstract: "A data warehouse of France's social-inclusion offer (data·inclusion schema v1) over PostgreSQL.",
        discussion: """
            Typical use:
              warehouse refresh                  load, build, test, publish the demo
              warehouse refresh --snapshots D    the same with D/<source>/<stream>.<ext>
              warehouse sources                  what the last refresh did per source
              warehouse export services --format csv --out services.csv

            Every command uses --database-url, else DATABASE_URL, else an embedded PostgreSQL under \
            $WAREHOUSE_HOME (default ./.warehouse), started on demand. Pending migrations are applied first.
            """,
        subcommands: [
            RefreshCommand.self, FetchCommand.self, LoadCommand.self, SourcesCommand.self, ModelsCommand.self, PublishCommand.self,
            ExportCommand.self, DedupCommand.self, GenerateCommand.self, ServeCommand.self, TokenCommand.self,
            DatabaseCommand.self, ValidateCommand.self, MaintenanceCommand.self, ReportCommand.self,
            MigrateCommand.self,
        ]
    )
}

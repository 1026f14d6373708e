/// The `reporting` schema: views for dashboards and analysts over the
/// consumption events (api), the run registry (ops), the deduplication
/// (dedup) and the published marts. docs/reporting.md lists them.
public enum ReportingSchema {
    public static let name = "reporting"
}

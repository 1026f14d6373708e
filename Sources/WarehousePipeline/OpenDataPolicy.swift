import WarehouseCore

/// What an open-data export may publish: valid rows of the sources that
/// allow it, without personal e-mails and phones (`_has_pii`) nor the
/// contact fields a producer marked non-public (`_is_contact_public`).
struct OpenDataPolicy {
    let entity: Exporter.Entity

    var rowFilter: String {
        let open = SourceCatalog.all.filter(\.isOpenData).map { "'\($0.slug)'" }.joined(separator: ", ")
        return "t._is_valid and t.source in (\(open))"
    }

    /// The SQL giving a column's exported value, or nil when it is exported as is.
    func expression(for column: String) -> String? {
        var hidden: [String] = []
        if ["courriel", "telephone"].contains(column) { hidden.append("t._has_pii") }
        if entity == .services, ["courriel", "telephone", "contact_nom_prenom"].contains(column) {
            hidden.append("t._is_contact_public is false")
        }
        guard !hidden.isEmpty else { return nil }
        return "case when \(hidden.joined(separator: " or ")) then null else t.\(column) end"
    }
}

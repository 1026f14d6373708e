import Foundation

/// One broken rule of one record: where (row, field), what (value), which
/// rule (named as in int__validation_errors.sql) and why, in French for the
/// producer who has to fix the file.
public struct ValidationIssue: Sendable, Equatable, Codable {
    public enum Entity: String, Sendable, Codable, CaseIterable {
        case structures, services

        /// The singular the marts' validation_errors use.
        public var singular: String { self == .structures ? "structure" : "service" }
    }

    public let file: String
    public let entity: Entity
    /// 1-based data row (the header of a CSV or XLSX sheet is not counted);
    /// nil for a problem of the whole file.
    public let row: Int?
    public let id: String?
    public let field: String
    public let value: String?
    public let rule: String
    public let message: String

    public init(file: String, entity: Entity, row: Int?, id: String?, field: String, value: String?, rule: String, message: String) {
        self.file = file
        self.entity = entity
        self.row = row
        self.id = id
        self.field = field
        self.value = value
        self.rule = rule
        self.message = message
    }
}

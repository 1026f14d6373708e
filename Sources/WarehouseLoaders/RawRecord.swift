import Foundation

/// One record of a snapshot file, as the loader classified it.
public struct RawRecord: Sendable {
    /// 1-based position of the record in its file.
    public let recordNumber: Int
    /// The record's bytes exactly as they stand in the file.
    public let payload: Data
    /// Why the record cannot be loaded, or nil when it is good.
    public let rejectReason: String?
}

/// The records of one stream file, with what identifies the file.
public struct StreamSnapshot: Sendable {
    public let stream: String
    public let fileName: String
    public let sha256: String
    public let records: [RawRecord]

    public var goodRecords: [RawRecord] { records.filter { $0.rejectReason == nil } }
    public var rejectedRecords: [RawRecord] { records.filter { $0.rejectReason != nil } }
}

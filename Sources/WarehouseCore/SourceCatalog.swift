/// The on-disk formats a stream can have. Later loaders add cases here.
public enum SnapshotFormat: String, Sendable, Codable {
    /// One UTF-8 JSON array whose elements are the records.
    case jsonArray = "json-array"
}

/// One file a source publishes, landing in one raw table.
public struct StreamDefinition: Sendable, Hashable {
    public let name: String
    public let fileName: String
    public let format: SnapshotFormat
    /// The record field that must be present for a record to be kept.
    public let idField: String

    public init(name: String, fileName: String, format: SnapshotFormat, idField: String = "id") {
        self.name = name
        self.fileName = fileName
        self.format = format
        self.idField = idField
    }
}

/// A producer of structures and services, with the streams the warehouse loads.
public struct SourceDefinition: Sendable, Hashable {
    public let slug: String
    public let label: String
    public let streams: [StreamDefinition]
    /// Whether the source may appear in open-data exports.
    public let isOpenData: Bool

    public init(slug: String, label: String, streams: [StreamDefinition], isOpenData: Bool = true) {
        self.slug = slug
        self.label = label
        self.streams = streams
        self.isOpenData = isOpenData
    }

    /// Name of the raw table of a stream: `raw.<slug with _>__<stream>`.
    public func rawTableName(_ stream: StreamDefinition) -> String {
        "\(slug.replacingOccurrences(of: "-", with: "_"))__\(stream.name)"
    }
}

/// Every source the warehouse knows how to load.
public enum SourceCatalog {
    public static let all: [SourceDefinition] = [
        SourceDefinition(slug: "dora", label: "DORA", streams: [
            StreamDefinition(name: "structures", fileName: "structures.json", format: .jsonArray),
            StreamDefinition(name: "services", fileName: "services.json", format: .jsonArray),
        ]),
        SourceDefinition(slug: "emplois-de-linclusion", label: "Les emplois de l'inclusion", streams: [
            StreamDefinition(name: "organisations", fileName: "organisations.json", format: .jsonArray),
            StreamDefinition(name: "siaes", fileName: "siaes.json", format: .jsonArray),
        ]),
        SourceDefinition(slug: "mediation-numerique", label: "Cartographie nationale des lieux de médiation numérique", streams: [
            StreamDefinition(name: "structures", fileName: "structures.json", format: .jsonArray),
        ]),
    ]

    public static func source(_ slug: String) -> SourceDefinition? {
        all.first { $0.slug == slug }
    }
}

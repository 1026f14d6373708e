/// The on-disk formats a stream can have (docs/raw-layer.md says what record
/// each one gives).
public enum SnapshotFormat: Sendable, Hashable, CustomStringConvertible {
    /// One UTF-8 JSON array whose elements are the records.
    case jsonArray
    /// A JSON object whose array under `key` holds the records.
    case jsonArrayUnderKey(String)
    /// One JSON array per file of a folder.
    case jsonArrayPerFile
    /// CSV with a header line, cells as text.
    case csv(delimiter: Character)
    /// FINESS: `;`-separated, no header, a banner first line, fixed columns.
    case finess
    /// LHEO 2.3 XML: one record per `/lheo/offres/formation`.
    case lheoXML
    /// One HTML page per record in a folder, scraped into a few fields.
    case htmlPages

    public var description: String {
        switch self {
        case .jsonArray: "JSON array"
        case .jsonArrayUnderKey(let key): "JSON object, array at '\(key)'"
        case .jsonArrayPerFile: "JSON array per file"
        case .csv(let delimiter): "CSV ('\(delimiter)', header)"
        case .finess: "FINESS text (';', banner, 32 columns)"
        case .lheoXML: "LHEO XML"
        case .htmlPages: "HTML page per structure"
        }
    }

    /// Multi-file streams read every file of a folder.
    public var readsFolder: Bool {
        switch self {
        case .jsonArrayPerFile, .htmlPages: true
        default: false
        }
    }
}

/// One file (or folder of files) a source publishes, landing in one raw table.
public struct StreamDefinition: Sendable, Hashable {
    public let name: String
    /// The file, or for multi-file streams the folder, inside the source's folder.
    public let path: String
    public let format: SnapshotFormat
    /// The record field that must be present for a record to be kept.
    public let idField: String

    public init(name: String, path: String, format: SnapshotFormat, idField: String = "id") {
        self.name = name
        self.path = path
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

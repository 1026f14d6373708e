import Foundation
@testable import WarehouseFetch
import WarehouseTestSupport

extension FetchConfiguration {
    /// The project's config/sources.yml with every producer moved to the stub
    /// server (`<stub>/<source>` + the configured path), the unknown Grist
    /// documents named, and delays scaled down so that faults cost milliseconds
    /// (the timeout stays long: a stub slowed by a loaded machine is no fault).
    static func forStubs(at stub: URL, timeout: Double = 15, retries: Int = 3, pageSize: Int = 2) throws -> FetchConfiguration {
        var configuration = try FetchConfiguration.load(from: TestDatabase.layout.root.appendingPathComponent("config/sources.yml"))
        for index in configuration.sources.indices {
            var source = configuration.sources[index]
            source.settings.timeoutSeconds = timeout
            source.settings.retries = retries
            source.settings.backoffSeconds = 0.01
            source.settings.maxBackoffSeconds = 0.05
            source.settings.maxRetryAfterSeconds = 5
            source.settings.pauseSeconds = 0
            source.settings.pageSize = pageSize
            source.settings.concurrency = 2
            let prefix = stub.absoluteString + "/" + source.slug
            for streamIndex in source.streams.indices where source.streams[streamIndex].mode != .fileDrop {
                var stream = source.streams[streamIndex]
                stream.base = prefix
                stream.path = stream.path.replacingOccurrences(of: "<france-travail-grist-document>", with: "ftdoc")
                    .replacingOccurrences(of: "<action-logement-grist-document>", with: "aldoc")
                if var auth = stream.auth, let tokenURL = auth.tokenURL.flatMap(URLComponents.init(string:)) {
                    auth.tokenURL = prefix + tokenURL.path + (tokenURL.percentEncodedQuery.map { "?\($0)" } ?? "")
                    stream.auth = auth
                }
                source.streams[streamIndex] = stream
            }
            configuration.sources[index] = source
        }
        return configuration
    }
}

/// A fresh archive folder, with the file-drop sources' demo files dropped in it.
enum StubArchive {
    static func make(withDrops: Bool = true) throws -> FetchArchive {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fetch-archive-\(UUID().uuidString)")
        let archive = FetchArchive(root: root)
        if withDrops {
            for source in ["monenfant", "carif-oref", "mes-aides"] {
                let drop = archive.dropFolder(of: source)
                try FileManager.default.createDirectory(at: drop.deletingLastPathComponent(), withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: TestDatabase.demoSnapshots.appendingPathComponent(source), to: drop)
            }
        }
        return archive
    }

    static func remove(_ archive: FetchArchive) { try? FileManager.default.removeItem(at: archive.root) }
}

/// The stubs' credentials, as the environment would give them.
let stubCredentials = Credentials(environment: StubProducers.tokens)

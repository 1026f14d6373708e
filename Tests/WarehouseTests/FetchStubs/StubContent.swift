import Foundation
@testable import WarehouseFetch
import WarehouseTestSupport

/// What the stub producers serve: the bundled demo snapshots, each JSON
/// stream cut into its items (their bytes untouched) so that the stubs can
/// page them, and the single-body files as they are.
struct StubContent: Sendable {
    let demo: URL

    init(demo: URL = TestDatabase.demoSnapshots) { self.demo = demo }

    func file(_ path: String) -> Data {
        (try? Data(contentsOf: demo.appendingPathComponent(path))) ?? Data()
    }

    /// The elements of a demo JSON array, each with its own bytes.
    func items(_ path: String) -> [Data] {
        let slices = JSONSlices(file(path))
        guard let top = try? slices.topLevel(), let ranges = try? slices.elements(of: top) else { return [] }
        return ranges.map(slices.data)
    }

    /// Ma Boussole Aidants' structures of one type, in file order.
    func boussoleItems(type: String) -> [Data] {
        items("ma-boussole-aidants/structures.json").filter { item in
            let object = (try? JSONSerialization.jsonObject(with: item)) as? [String: Any]
            let kind = (object?["typeStructure"] as? [String: Any])?["idTypeStructure"]
            return kind.map { "\($0)" } == type
        }
    }

    /// Réseau Alpha: the page of each structure, by its URL path on www.reseau-alpha.org.
    func reseauAlphaPages() -> [String: Data] {
        let object = (try? JSONSerialization.jsonObject(with: file("reseau-alpha/cartographie.json"))) as? [String: Any]
        var pages: [String: Data] = [:]
        for structure in object?["structures"] as? [[String: Any]] ?? [] {
            guard let id = structure["id"].map({ "\($0)" }), let link = structure["url"] as? String,
                  let path = URL(string: link)?.path else { continue }
            pages[path] = file("reseau-alpha/structures/\(id).html")
        }
        return pages
    }

    /// What the archive must hold for a paginated stream: the items served, joined.
    static func archived(_ items: [Data]) -> Data { JSONSlices.concatenated(items) }

    /// Items joined into a JSON array for one page of an envelope.
    static func array(_ items: ArraySlice<Data>) -> Data {
        var result = Data("[".utf8)
        for (index, item) in items.enumerated() {
            if index > 0 { result.append(UInt8(ascii: ",")) }
            result.append(item)
        }
        result.append(UInt8(ascii: "]"))
        return result
    }
}

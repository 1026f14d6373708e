import Synchronization

/// `/structures?exclure_doublons=true`: the ids of the structures that
/// represent their cluster once the filters apply, in id order, kept by
/// data version, hidden sources and filters. Choosing the representatives
/// reads every structure the filters leave (about 50 ms for 100,000), and a
/// consumer walking the list page by page asked for the same choice on
/// every page; with the list kept, a page is a slice and its rows. A
/// version's data never changes, so a kept list is never stale; the least
/// recently used lists go when more than `maximumLists` are kept or they
/// hold more than `maximumIDs` ids (a national list is about 70,000 ids,
/// some 5 MB).
final class RepresentativeLists: Sendable {
    private struct Entry {
        var ids: [String]
        var lastUse: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var clock: UInt64 = 0
        var heldIDs = 0
    }

    let maximumLists: Int
    let maximumIDs: Int
    private let state = Mutex(State())

    init(maximumLists: Int = 32, maximumIDs: Int = 1_000_000) {
        self.maximumLists = maximumLists
        self.maximumIDs = maximumIDs
    }

    func ids(for key: String) -> [String]? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.ids
        }
    }

    func store(_ ids: [String], for key: String) {
        guard maximumLists > 0, ids.count <= maximumIDs else { return }
        state.withLock { state in
            state.clock += 1
            if let replaced = state.entries.updateValue(Entry(ids: ids, lastUse: state.clock), forKey: key) {
                state.heldIDs -= replaced.ids.count
            }
            state.heldIDs += ids.count
            while state.entries.count > maximumLists || state.heldIDs > maximumIDs,
                  let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key,
                  let removed = state.entries.removeValue(forKey: oldest) {
                state.heldIDs -= removed.ids.count
            }
        }
    }

    /// How many lists are kept now.
    var count: Int { state.withLock { $0.entries.count } }

    /// What decides a list: the version, the sources hidden from the token
    /// and every filter a structures list takes.
    static func key(version: Int64, hiddenSources: [String], parameters: ListParameters) -> String {
        let parts: [String] = [
            "version=\(version)",
            "hidden=\(hiddenSources.sorted())",
            "sources=\(parameters.sources?.sorted() ?? [])",
            "reseaux_porteurs=\(parameters.reseauxPorteurs?.sorted() ?? [])",
            "code_region=\(parameters.codeRegion ?? "")",
            "code_departement=\(parameters.codeDepartement ?? "")",
            "code_commune=\(parameters.codeCommune ?? "")",
            "score_qualite_minimum=\(parameters.scoreQualiteMinimum.map { String($0) } ?? "")",
        ]
        return parts.joined(separator: "|")
    }
}

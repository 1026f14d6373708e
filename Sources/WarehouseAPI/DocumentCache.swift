import Synchronization

/// Search results' documents (the build's `service_documents`) kept in
/// memory by data version and service id. A build's documents never change,
/// so an entry is never stale: a version's entries only age out. Reading a
/// document from the table cost about 10 µs (index lookup, decompression,
/// concatenation), most of a large search's database time; from here it is a
/// copy.
///
/// Two generations bound the memory: new and reused entries go to the recent
/// one; when it holds half the capacity it becomes the older one and the
/// previous older one is dropped. What a working day reads stays, at most
/// `capacityBytes` of text (plus the keys) is held.
final class DocumentCache: Sendable {
    struct Key: Hashable, Sendable {
        let version: Int64
        let id: String
    }

    private struct Generations {
        var recent: [Key: String] = [:]
        var older: [Key: String] = [:]
        var recentBytes = 0
    }

    let capacityBytes: Int
    private let state = Mutex(Generations())
    private let warmedVersions = Mutex(Set<Int64>())

    /// `capacityBytes` 0 keeps nothing: every document is read from the table.
    init(capacityBytes: Int) {
        self.capacityBytes = max(0, capacityBytes)
    }

    /// The documents held for these ids (in their order, nil where none is
    /// held), and the ids to read from the table.
    func lookup(_ ids: [String], version: Int64) -> (found: [String?], missing: [String]) {
        guard capacityBytes > 0 else { return (Array(repeating: nil, count: ids.count), ids) }
        return state.withLock { generations in
            var found: [String?] = []
            found.reserveCapacity(ids.count)
            var missing: [String] = []
            for id in ids {
                let key = Key(version: version, id: id)
                if let document = generations.recent[key] {
                    found.append(document)
                } else if let document = generations.older.removeValue(forKey: key) {
                    found.append(document)
                    Self.insert(document, at: key, into: &generations, capacity: capacityBytes)
                } else {
                    found.append(nil)
                    missing.append(id)
                }
            }
            return (found, missing)
        }
    }

    func store(_ documents: [String: String], version: Int64) {
        guard capacityBytes > 0 else { return }
        state.withLock { generations in
            for (id, document) in documents {
                Self.insert(document, at: Key(version: version, id: id), into: &generations, capacity: capacityBytes)
            }
        }
    }

    /// True the first time a version is claimed (and the cache keeps
    /// something): its documents are then loaded in advance, once.
    func claimWarming(of version: Int64) -> Bool {
        guard capacityBytes > 0 else { return false }
        return warmedVersions.withLock { $0.insert(version).inserted }
    }

    /// Bytes of text held now (both generations).
    var heldBytes: Int {
        state.withLock { generations in
            generations.recentBytes + generations.older.values.reduce(0) { $0 + $1.utf8.count }
        }
    }

    private static func insert(_ document: String, at key: Key, into generations: inout Generations, capacity: Int) {
        let size = document.utf8.count
        guard size <= capacity / 2 else { return }
        if generations.recentBytes + size > capacity / 2 {
            generations.older = generations.recent
            generations.recent = [:]
            generations.recentBytes = 0
        }
        if generations.recent.updateValue(document, forKey: key) == nil { generations.recentBytes += size }
    }
}

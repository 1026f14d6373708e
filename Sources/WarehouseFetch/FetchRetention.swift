import Foundation

/// `warehouse fetch --prune`: keeps the newest `keep_last` fetches, the newest
/// fetch of every month before them, and every fetch that is some source's
/// latest good one; deletes the others.
public enum FetchRetention {
    /// The fetch ids to delete, oldest first.
    public static func prunable(_ ids: [String], retention: FetchConfiguration.Retention, latestGood: Set<String>) -> [String] {
        let ordered = ids.sorted()
        let kept = Set(ordered.suffix(max(0, retention.keepLast)))
        var monthly: Set<String> = []
        if retention.keepMonthly {
            var newestOfMonth: [String: String] = [:]
            for id in ordered { newestOfMonth[String(id.prefix(6))] = id }
            monthly = Set(newestOfMonth.values)
        }
        return ordered.filter { !kept.contains($0) && !monthly.contains($0) && !latestGood.contains($0) }
    }

    public static func prune(_ archive: FetchArchive, retention: FetchConfiguration.Retention) throws -> [String] {
        let doomed = prunable(archive.fetchIDs(), retention: retention, latestGood: Set(archive.latestGood().values))
        for id in doomed {
            do { try FileManager.default.removeItem(at: archive.folder(of: id)) } catch {
                throw FetchError.archive(path: archive.folder(of: id).path, reason: "cannot be deleted: \(error.localizedDescription)")
            }
        }
        return doomed
    }
}

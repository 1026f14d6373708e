import Foundation

/// Temporary snapshot folders built from the demo snapshots, for tests that
/// need a broken or changed file.
public enum SnapshotFolders {
    /// A copy of the demo snapshots in a new temporary folder.
    public static func copyOfDemo() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("snapshots-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: TestDatabase.demoSnapshots, to: folder)
        return folder
    }

    /// Replaces one file of a snapshot folder.
    public static func write(_ text: String, to relativePath: String, in folder: URL) throws {
        let file = folder.appendingPathComponent(relativePath)
        try? FileManager.default.removeItem(at: file)
        try Data(text.utf8).write(to: file)
    }
}

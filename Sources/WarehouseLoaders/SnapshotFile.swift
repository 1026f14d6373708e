/// A file being read, named the way each kind of message needs it: its path
/// for the errors that fail the source, its name in the source folder (the
/// `file_name` of raw tables) for the reasons of rejected records.
struct SnapshotFile {
    let path: String
    let name: String
    /// The stream's record number of the file's first record: numbers run
    /// across the files of a multi-file stream.
    let firstRecordNumber: Int

    /// "record 3 of services.json", `index` counting from 0 in this file.
    func record(_ index: Int) -> String { "record \(firstRecordNumber + index) of \(name)" }
}

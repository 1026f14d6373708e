import Foundation

/// Sources served only to a browser (monenfant.fr's search behind a captcha)
/// or over SFTP (the Carif-Oref national file), and static exports (Mes Aides):
/// an operator drops their files in `<archive>/drops/<source>/`, laid out as
/// in a snapshot, and each fetch archives the files found there.
struct FileDropFetcher: SourceFetcher {
    func fetch(_ context: StreamFetchContext) async throws -> [FetchedFile] {
        let path = context.stream.stream.path
        let target = context.dropFolder.appendingPathComponent(path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) else {
            throw FetchError.noDrop(folder: target.path)
        }
        let names = isFolder.boolValue
            ? try FileManager.default.contentsOfDirectory(atPath: target.path).filter { !$0.hasPrefix(".") }.sorted().map { "\(path)/\($0)" }
            : [path]
        if names.isEmpty { throw FetchError.noDrop(folder: target.path) }
        var files: [FetchedFile] = []
        for name in names {
            let url = context.dropFolder.appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            let format = context.stream.stream.format == .jsonArrayPerFile ? .jsonArray : context.stream.stream.format
            files.append(FetchedFile(path: name, data: data, origin: "file-drop:\(url.path)",
                                     records: RecordCount.of(data, format: format)))
            await context.client.stats.received(bytes: data.count)
        }
        return files
    }
}

import Foundation

/// Writes realistic raw snapshots of DORA, les emplois de l'inclusion,
/// Soliguide, the médiation numérique map and FINESS, built from the real town
/// halls and communes, with duplicates across and within sources, and the
/// truth file that says which records describe the same organisation
/// (docs/generate.md). The same seed and scale give the same bytes.
public struct SnapshotGenerator {
    let mairies: URL
    let communes: URL
    let seed: UInt64
    let scale: Double

    /// `mairies`: the town halls (`data/referentiels/mairies.csv`); `communes`:
    /// the communes referential (`dbt-like-models/seeds/ref_communes.csv`).
    public init(mairies: URL, communes: URL, seed: UInt64, scale: Double) {
        self.mairies = mairies
        self.communes = communes
        self.seed = seed
        self.scale = scale
    }

    /// A folder holding both `mairies.csv` and `communes.csv` (the shared
    /// reference folder has this layout).
    public init(referentielsDirectory: URL, seed: UInt64, scale: Double) {
        self.init(mairies: referentielsDirectory.appendingPathComponent("mairies.csv"),
                  communes: referentielsDirectory.appendingPathComponent("communes.csv"), seed: seed, scale: scale)
    }

    /// Writes OUT/<source-slug>/<stream files> and OUT/truth.csv; returns counts.
    public func write(to directory: URL, progress: (String) -> Void) throws -> GenerationSummary {
        guard scale > 0, scale.isFinite else { throw GeneratorError.invalidScale(scale) }
        let targetRecords = Int((Double(GenerationRates.recordsPerScaleUnit) * scale).rounded())

        progress("reading \(mairies.lastPathComponent) and \(communes.lastPathComponent)")
        let territories = try ReferentialReader(mairies: mairies, communes: communes).territories()

        var world = WorldBuilder(seed: seed)
        var maker = RecordMaker(seed: seed)
        var recordsBySource: [GeneratedSource: [SourceRecord]] = [:]
        var publishedRecords = 0
        var territoriesUsed = 0
        var entities = 0
        var multiSource = 0
        for territory in world.visitingOrder(territories) where publishedRecords < targetRecords {
            territoriesUsed += 1
            for organisation in world.organisations(in: territory) {
                let records = maker.records(for: organisation)
                guard !records.isEmpty else { continue }
                for record in records { recordsBySource[record.source, default: []].append(record) }
                guard organisation.kind.reachesMarts else { continue }
                publishedRecords += records.count
                entities += 1
                if Set(records.map(\.source)).count > 1 { multiSource += 1 }
            }
        }
        guard publishedRecords >= targetRecords else {
            throw GeneratorError.notEnoughCommunes(available: territories.count, targetRecords: targetRecords)
        }
        progress("\(publishedRecords) records of \(entities) organisations in \(territoriesUsed) communes")

        let writers: [any SnapshotWriter] = [DoraWriter(), EmploisWriter(), SoliguideWriter(), MediationNumeriqueWriter(), FinessWriter()]
        var recordsPerSource: [String: Int] = [:]
        var servicesPerSource: [String: Int] = [:]
        var files: [String] = []
        var ignoredFinessLines = 0
        var allRecords: [SourceRecord] = []
        for writer in writers {
            // files list records in no particular order, as the producers' exports do
            var order = SeededRandom(seed: seed, stream: "order-\(writer.source.slug)")
            var records = recordsBySource[writer.source] ?? []
            order.shuffle(&records)
            var random = SeededRandom(seed: seed, stream: "writer-\(writer.source.slug)")
            let folder = try SnapshotFiles.folder(directory, for: writer.source)
            let written = try writer.write(records, to: folder, using: &random)
            recordsPerSource[writer.source.slug] = written.structures
            servicesPerSource[writer.source.slug] = written.services
            files += written.files
            if writer.source == .finess { ignoredFinessLines = written.ignoredLines }
            allRecords += records
            progress("\(writer.source.slug): \(written.structures) structures, \(written.services) services")
        }
        let truthRows = try TruthWriter.write(allRecords, to: directory.appendingPathComponent("truth.csv"))
        files.append("truth.csv")
        progress("truth.csv: \(truthRows) rows")

        return GenerationSummary(
            recordsPerSource: recordsPerSource, servicesPerSource: servicesPerSource, entities: entities,
            truthRows: truthRows, multiSourceEntities: multiSource,
            withinSourceDuplicates: allRecords.filter(\.isWithinSourceDuplicate).count,
            ignoredFinessLines: ignoredFinessLines, territories: territoriesUsed, files: files)
    }
}

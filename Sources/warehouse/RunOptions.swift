import ArgumentParser
import WarehouseCore
import WarehouseLoaders

/// Options of the commands that change the warehouse and so take the run lock.
struct RunLockOptions: ParsableArguments {
    @Flag(name: .long, help: ArgumentHelp("""
        Exit at once, with an error naming the run under way, when another refresh, load, models run or \
        publish holds the warehouse. Without it the command waits for that run to finish.
        """))
    var noWait = false

    var waitForLock: Bool { !noWait }
}

/// What a load accepts before a source's new records replace its previous ones.
struct LoadPolicyOptions: ParsableArguments {
    @Option(name: .customLong("accept-shrink"), help: ArgumentHelp("""
        Take SOURCE's new load even when it is empty or much smaller than its last good load (repeat for \
        several sources). Without it such a load is held back: the source keeps its previous data and the \
        command exits non-zero saying why.
        """, valueName: "source"))
    var acceptShrink: [String] = []

    @Option(name: .customLong("shrink-threshold"), help: ArgumentHelp("""
        Share of a stream's records in the last good load below which a new load is held back \
        (0.5 = half; 0 holds back only a load that keeps no record at all).
        """, valueName: "share"))
    var shrinkThreshold: Double = LoadPolicy.default.minimumShare

    func validate() throws {
        guard (0...1).contains(shrinkThreshold) else {
            throw ValidationError("--shrink-threshold takes a share between 0 and 1, e.g. 0.5 for half; got \(shrinkThreshold)")
        }
        let known = Set(SourceCatalog.all.map(\.slug))
        for source in acceptShrink where !known.contains(source) {
            throw ValidationError("--accept-shrink: unknown source '\(source)'; `warehouse sources` lists them")
        }
    }

    var policy: LoadPolicy { LoadPolicy(minimumShare: shrinkThreshold, acceptedShrinks: Set(acceptShrink)) }
}

import Foundation

/// Prints one line per step of long work. On a terminal the line of the step
/// under way is rewritten in place; elsewhere (CI logs) only finished steps print.
public struct ProgressReporter: Sendable {
    public let isInteractive: Bool
    public let isQuiet: Bool

    public init(isQuiet: Bool = false) {
        self.isQuiet = isQuiet
        self.isInteractive = isatty(STDERR_FILENO) == 1
    }

    public static let silent = ProgressReporter(isQuiet: true)

    public func started(_ step: String) {
        guard !isQuiet, isInteractive else { return }
        write("\u{1B}[2K\r… \(step)")
    }

    public func finished(_ step: String, detail: String, seconds: Double) {
        guard !isQuiet else { return }
        let clear = isInteractive ? "\u{1B}[2K\r" : ""
        write("\(clear)✓ \(step): \(detail) (\(String(format: "%.2f", seconds)) s)\n")
    }

    public func failed(_ step: String, reason: String) {
        report("✗", step, reason)
    }

    public func warned(_ step: String, reason: String) {
        report("!", step, reason)
    }

    private func report(_ mark: String, _ step: String, _ reason: String) {
        guard !isQuiet else { return }
        let clear = isInteractive ? "\u{1B}[2K\r" : ""
        write("\(clear)\(mark) \(step): \(reason)\n")
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Measures the wall time of a block.
public func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try await body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

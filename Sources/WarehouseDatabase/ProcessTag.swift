import Foundation

/// The `application_name` every connection of this process gives the
/// server: `warehouse/<random>`. A run records it, so that when its process
/// dies the next command can end the sessions it left behind (a statement
/// waiting on a lock, or still running, outlives its client until it next
/// talks to it) instead of waiting behind them.
public enum ProcessTag {
    public static let applicationName: String = "warehouse/" + UUID().uuidString.prefix(13).lowercased()
}

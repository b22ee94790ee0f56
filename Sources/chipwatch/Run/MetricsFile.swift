import Foundation

/// Writes the Prometheus textfile (`Review.Metrics` renders it) after each run.
enum MetricsFile {
    /// Written to a temporary file and renamed, so a scraper never reads half a file.
    static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        if rename(temporary, path) != 0 {
            throw RunLockError(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

import Foundation

/// The exclusive lock `chipwatch run` holds in the state directory, so overlapping runs
/// from cron or a timer are refused cleanly. An `flock`: the kernel drops it when the
/// holder dies, so a killed run never leaves a stale lock behind.
final class RunLock {
    let path: String
    private let fd: Int32

    /// Takes the lock, or returns nil when another process holds it.
    init?(directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("run.lock")
        fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RunLockError(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        // Who holds it, for the message a second run prints.
        _ = ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(fd, $0, strlen($0)) }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The pid written by the current holder, if readable.
    static func holder(directory: String) -> String? {
        let path = (directory as NSString).appendingPathComponent("run.lock")
        return (try? String(contentsOfFile: path, encoding: .utf8)).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
}

struct RunLockError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot open the run lock \(path): \(reason)" }
}

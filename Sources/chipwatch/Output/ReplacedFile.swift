import Foundation

/// Writes a file through a temporary one beside it, renamed over the target when everything
/// was written: a reader never sees half a file, and a failed write leaves the old one.
enum ReplacedFile {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "cannot write \(path): \(reason)" }
    }

    static func write(_ path: String, _ body: (BufferedOutput) throws -> Void) throws {
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        let file = BufferedOutput(descriptor: descriptor)
        do {
            try body(file)
            file.flush()
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        // close(2) can report a deferred write error (NFS, a full disk).
        let closed = close(descriptor) == 0 ? nil : errno
        if let failure = file.failure ?? closed {
            unlink(temporary)
            throw Failure(path: path, reason: String(cString: strerror(failure)))
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, reason: reason)
        }
    }
}

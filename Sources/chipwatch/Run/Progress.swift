import Foundation

/// A one-line "stage: running 3.2 s" indicator on a terminal while a stage child works.
/// Never shown when stdout is a pipe or a file (cron, systemd, tests): `start` returns nil.
final class Progress: @unchecked Sendable {
    private let stage: String
    private let started = Date()
    private let lock = NSLock()
    private var finished = false

    private init(stage: String) { self.stage = stage }

    static func start(stage: String, quiet: Bool) -> Progress? {
        guard !quiet, isatty(STDOUT_FILENO) != 0 else { return nil }
        let progress = Progress(stage: stage)
        Thread.detachNewThread { progress.loop() }
        return progress
    }

    private func loop() {
        while true {
            usleep(200_000)
            lock.lock()
            defer { lock.unlock() }
            if finished { return }
            let line = String(format: "\r%@: running %.1f s", stage, Date().timeIntervalSince(started))
            FileHandle.standardOutput.write(Data(line.utf8))
        }
    }

    /// Stops the indicator and clears its line.
    func stop() {
        lock.lock()
        finished = true
        lock.unlock()
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }
}

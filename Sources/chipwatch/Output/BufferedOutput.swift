import Foundation

/// Collects output and writes it to a descriptor (stdout unless given) in large pieces.
final class BufferedOutput {
    private var buffer: [UInt8] = []
    private let descriptor: Int32
    /// Set when a write failed (a full disk, a closed pipe): the rest is dropped.
    private(set) var failure: Int32?

    init(descriptor: Int32 = STDOUT_FILENO) { self.descriptor = descriptor }

    func write(_ text: String) { write(bytes: text.utf8) }

    func write(bytes: some Sequence<UInt8>) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        // write(2) on the descriptor: no C stdio global is touched (and none needs flushing).
        var offset = 0
        while offset < buffer.count, failure == nil {
            let written = buffer[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { failure = errno; break }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

import Foundation

/// Lines of a file descriptor as bytes, read in large blocks: no `String` is made for a line
/// that is only handed to a JSON decoder (`readLine` validated and copied each line, a tenth
/// of `extract-text`'s time). A line ends at "\n"; a "\r" before it is dropped, as `readLine` does.
struct LineReader {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var finished = false

    init(descriptor: Int32 = STDIN_FILENO) { self.descriptor = descriptor }

    mutating func next() -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                defer { start = newline + 1 }
                return buffer[start..<end]
            }
            if finished {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return buffer[start...]
            }
            buffer.removeFirst(start)
            start = 0
            var block = [UInt8](repeating: 0, count: 1 << 16)
            let count = block.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { finished = true } else { buffer.append(contentsOf: block[0..<count]) }
        }
    }
}

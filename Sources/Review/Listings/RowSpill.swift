import Foundation

/// Table rows kept on disk between a table's two passes: the first pass renders each row to
/// size the columns and writes it here, the second reads the rows back instead of reading
/// (and decoding) the store again. An unlinked temporary file, so nothing is left behind.
final class RowSpill {
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushAt = 1 << 16

    /// Nil when no temporary file can be made (the caller reads its source twice instead).
    init?() {
        var template = Array((NSTemporaryDirectory() + "/chipwatch-rows-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { return nil }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// Adds a row: its number of cells, then each cell's length and UTF-8 bytes.
    func append(_ row: [String]) throws {
        put(UInt32(row.count))
        for cell in row {
            put(UInt32(cell.utf8.count))
            buffer.append(contentsOf: cell.utf8)
        }
        if buffer.count >= Self.flushAt { try flush() }
    }

    /// Each row in the order written.
    func forEach(_ body: ([String]) throws -> Void) throws {
        try flush()
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw SpillError(code: errno) }
        var reader = Reader(descriptor: descriptor)
        while let count = try reader.number() {
            var row: [String] = []
            row.reserveCapacity(Int(count))
            for _ in 0..<count {
                guard let length = try reader.number() else { throw SpillError(code: EIO) }
                row.append(try reader.text(Int(length)))
            }
            try body(row)
        }
    }

    private func put(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let written = buffer[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else { throw SpillError(code: errno) }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }

    struct SpillError: Error, CustomStringConvertible {
        let code: Int32
        var description: String { "temporary rows file: \(String(cString: strerror(code)))" }
    }

    /// Reads the file back in large blocks.
    private struct Reader {
        let descriptor: Int32
        var block: [UInt8] = []
        var position = 0

        init(descriptor: Int32) { self.descriptor = descriptor }

        /// Makes `count` bytes available from `position`; false at the end of the file.
        mutating func want(_ count: Int) throws -> Bool {
            while block.count - position < count {
                block.removeFirst(position)
                position = 0
                var chunk = [UInt8](repeating: 0, count: max(1 << 16, count))
                let read = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
                guard read >= 0 else { throw SpillError(code: errno) }
                if read == 0 { return false }
                block.append(contentsOf: chunk[..<read])
            }
            return true
        }

        mutating func number() throws -> UInt32? {
            guard try want(4) else { return nil }
            var value: UInt32 = 0
            for i in 0..<4 { value |= UInt32(block[position + i]) << (8 * i) }
            position += 4
            return value
        }

        mutating func text(_ length: Int) throws -> String {
            guard try want(length) else { throw SpillError(code: EIO) }
            defer { position += length }
            return String(decoding: block[position..<(position + length)], as: UTF8.self)
        }
    }
}

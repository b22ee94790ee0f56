import CompressNIO
import Foundation
import GRDB
import NIOCore

/// An item's text (`summary`, `content`) as the SQLite store keeps it: compressed when that
/// makes it smaller (zlib, fastest level, behind its length as four bytes, as a BLOB), as plain
/// TEXT when it is short or would not shrink. The text is most of an item's row and is read
/// again only by extract; compressed, a new item costs the store 2.9 times its text rather than
/// 3.3 (scale benchmark, 2 KB items), for about 35 µs of the parse stage's time an item.
/// PostgreSQL compresses long text itself (TOAST), so its store keeps plain text; `store copy`
/// unpacks on the way out and packs on the way in, so a round trip gives back the same bytes.
enum ItemText {
    static let columns: Set<String> = ["summary", "content"]
    /// Below this many bytes the zlib header and the length cost more than they save.
    static let minimum = 256
    /// A small window and little memory: an item's text is a few kilobytes, and zlib's default
    /// state (about 256 KB set up per call) cost more than compressing the text itself.
    private static let algorithm = CompressionAlgorithm.zlib(configuration: .init(windowSize: .window16k, compressionLevel: .fastestCompression,
                                                                                   memoryLevel: .memory8K))

    struct Unreadable: Error, CustomStringConvertible {
        var reason: String
        var description: String { "an item's stored text is unreadable: \(reason)" }
    }

    /// Packs texts one after another with one zlib state (set up once, reset between texts:
    /// the same bytes as a fresh state gives). For one transaction's rows: not shared between
    /// threads.
    final class Packer {
        private let compressor = ItemText.algorithm.compressor
        private var started = false

        deinit { if started { try? compressor.finishStream() } }

        func pack(_ text: String) -> DatabaseValue {
            let bytes = Array(text.utf8)
            guard bytes.count >= ItemText.minimum, bytes.count <= Int(UInt32.max) else { return text.databaseValue }
            var input = ByteBuffer(bytes: bytes)
            var output = ByteBuffer()
            do {
                if started { try compressor.resetStream() } else { try compressor.startStream(); started = true }
                output.reserveCapacity(compressor.maxSize(from: input) + 4)
                output.writeInteger(UInt32(bytes.count), endianness: .little)
                try compressor.streamDeflate(from: &input, to: &output, flush: .finish)
            } catch {
                return text.databaseValue
            }
            guard output.readableBytes < bytes.count else { return text.databaseValue }
            return Data(output.readableBytesView).databaseValue
        }

        /// A row's values with its text columns packed.
        func packed(_ row: RowValues) -> [DatabaseValue] {
            zip(row.columns, row.values).map { column, value in
                if ItemText.columns.contains(column), case .string(let text) = value.storage { return pack(text) }
                return value
            }
        }
    }

    /// The positions of the text columns among a table's columns (none outside `items`).
    static func indices(table: String, columns: [String]) -> Set<Int> {
        table == "items" ? Set(columns.indices.filter { self.columns.contains(columns[$0]) }) : []
    }

    static func unpack(_ value: DatabaseValue) throws -> String {
        switch value.storage {
        case .string(let text): return text
        case .null: return ""
        case .blob(let stored):
            guard stored.count >= 4 else { throw Unreadable(reason: "\(stored.count) bytes") }
            let size = stored.prefix(4).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            var buffer = ByteBuffer(bytes: stored.dropFirst(4))
            do {
                let text = try buffer.decompress(with: algorithm, maxSize: size + 1)
                return String(decoding: text.readableBytesView, as: UTF8.self)
            } catch {
                throw Unreadable(reason: "\(error)")
            }
        default: throw Unreadable(reason: "a number where text was expected")
        }
    }
}

import CompressNIO
import Foundation
import NIOCore

/// How a document's raw body is stored: compressed from its fetch on (zlib, fastest level:
/// feeds are repetitive markup; the corpus's shrink 4.3 times), whole when compressing would
/// not shrink it (or when an older version stored it), and empty once pruned by the retention
/// setting. The encoding is kept in `body_encoding`.
enum DocumentBody {
    enum Encoding: String {
        case identity, zlib, pruned
    }

    struct Unreadable: Error, CustomStringConvertible {
        var documentID: Int64?
        var reason: String
        var description: String { "document \(documentID.map(String.init) ?? "?"): stored body unreadable: \(reason)" }
    }

    private static let algorithm = CompressionAlgorithm.zlib(configuration: .init(compressionLevel: .fastestCompression))

    /// The body compressed, or nil when compressing would not make it smaller.
    static func pack(_ body: Data) -> Data? {
        var buffer = ByteBuffer(bytes: body)
        guard let packed = try? buffer.compress(with: algorithm), packed.readableBytes < body.count else { return nil }
        return Data(packed.readableBytesView)
    }

    /// The body as fetched; a pruned body reads as empty.
    static func unpack(_ stored: Data, encoding: String?, size: Int?, documentID: Int64?) throws -> Data {
        switch Encoding(rawValue: encoding ?? "identity") {
        case .identity: return stored
        case .pruned: return Data()
        case .zlib:
            var buffer = ByteBuffer(bytes: stored)
            do {
                let body = try buffer.decompress(with: algorithm, maxSize: max(size ?? 0, 1) * 2 + 1024)
                return Data(body.readableBytesView)
            } catch {
                throw Unreadable(documentID: documentID, reason: "\(error)")
            }
        case nil: throw Unreadable(documentID: documentID, reason: "unknown encoding \(encoding ?? "")")
        }
    }
}

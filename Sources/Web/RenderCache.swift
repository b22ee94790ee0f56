import CompressNIO
import Foundation
import Hummingbird
import NIOCore

/// Answers that read much of the store (the board, a milestone's explain page, the feeds, the
/// report), kept until the store changes: on a year of news the board alone reads every piece
/// of evidence of every milestone (a quarter of a second to seconds), while the store changes
/// once a pipeline run. An entry holds the store's version it was made at; a request finding a
/// different version makes it again. Requests that arrive while an answer is being made wait
/// for that one instead of each reading the store (single flight). Without a version (a store
/// that cannot say cheaply when it changed) nothing is kept.
actor RenderCache<Value: Sendable> {
    private struct Entry {
        let version: String
        let task: Task<Value, any Error>
    }

    private var entries: [String: Entry] = [:]
    /// Keys, least recently made first: the oldest goes when `capacity` is reached.
    private var order: [String] = []
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// The answer for `key` at `version`, made by `make` unless an entry at that version exists.
    func value(_ key: String, version: String?, make: @escaping @Sendable () async throws -> Value) async throws -> Value {
        guard let version else { return try await make() }
        if let entry = entries[key], entry.version == version { return try await entry.task.value }
        let task = Task { try await make() }
        if entries[key] == nil {
            order.append(key)
            if order.count > capacity { entries[order.removeFirst()] = nil }
        }
        entries[key] = Entry(version: version, task: task)
        do {
            return try await task.value
        } catch {
            // A failed answer is not kept: the next request tries again.
            if entries[key]?.version == version {
                entries[key] = nil
                order.removeAll { $0 == key }
            }
            throw error
        }
    }
}

/// A whole answer kept with its gzip form, made once: the report is several MB at 500k
/// signals, and sending it whole took most of its time (p99 142 ms); browsers ask for gzip.
struct PackedBody: Sendable {
    let plain: ByteBuffer
    let gzip: ByteBuffer?

    init(_ text: String) {
        let plain = ByteBuffer(string: text)
        var input = plain
        let packed = try? input.compress(with: .gzip(configuration: .init(compressionLevel: .fastestCompression)))
        self.plain = plain
        gzip = packed.flatMap { $0.readableBytes < plain.readableBytes ? $0 : nil }
    }

    /// The response for a request: gzip when it accepts it (the body is the same for everyone).
    func response(_ request: Request, contentType: String) -> Response {
        var headers: HTTPFields = [.contentType: contentType, .vary: "Accept-Encoding"]
        if let gzip, Self.acceptsGzip(request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzip))
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: plain))
    }

    /// Whether an Accept-Encoding names gzip without refusing it (`gzip;q=0`).
    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { item in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard parts.first == "gzip" || parts.first == "*" else { return false }
            return !parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "").hasPrefix("q=0") && Double($0.dropFirst(2)) == 0 }
        }
    }
}

/// The version of a SQLite store in `directory`: the modification times (nanoseconds) and sizes
/// of the database and its WAL. Every commit appends to the WAL and every checkpoint writes the
/// database, so any change moves one of them; reading it costs two `stat` calls.
public func sqliteStoreVersion(directory: String, fileName: String) -> @Sendable () -> String? {
    let paths = [directory + "/" + fileName, directory + "/" + fileName + "-wal"]
    return {
        var parts: [String] = []
        for path in paths {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            parts.append("\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_size)")
        }
        return parts.joined(separator: "|")
    }
}

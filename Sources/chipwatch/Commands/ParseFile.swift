// SECURITY: reads one local file; no network, no store, no credentials.
import ArgumentParser
import Core
import Foundation
import Parse
import Wire

/// `chipwatch parse-file`: parses one file without touching the store and prints JSON.
/// Items are written as they are read, so a feed of any size parses in bounded memory.
struct ParseFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-file",
        abstract: "Parse one feed file and print it as JSON (exit 65 when it is not a feed).")

    @Argument(help: "An RSS, Atom or JSON Feed file.") var file: String
    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type it came with (its charset wins).")
    var contentType: String?
    @Option(help: "The URL it came from, for relative links.") var url: String?

    /// Items encoded together on the other cores while the parser reads on.
    private static let chunkItems = 256

    func run() throws {
        guard let bytes = ParseFile.read(file) else {
            printError("chipwatch parse-file: cannot read \(file)")
            throw ExitCode(ExitStatus.ioError)
        }
        let out = BufferedOutput()
        var started = false
        var chunk: [FeedItem] = []
        var pending: Background<[UInt8]>? = nil
        // The parser reads on while the last chunk of items is encoded on every core; chunks
        // are written in order, so the output is the same as one item at a time, and at most
        // two chunks are held.
        func hand(_ items: [FeedItem]) {
            if let done = pending?.wait() { out.write(bytes: done) }
            pending = items.isEmpty ? nil : ParseFile.encode(items, leadingComma: started)
            started = started || !items.isEmpty
        }
        do {
            var headed = false
            let parsed = try FeedParser.parse(bytes, contentType: contentType, url: url, source: file) { format, item in
                if !headed {
                    out.write("{\"format\":\"\(format.rawValue)\",\"items\":[")
                    headed = true
                }
                chunk.append(item)
                if chunk.count == ParseFile.chunkItems {
                    hand(chunk)
                    chunk.removeAll(keepingCapacity: true)
                }
            }
            hand(chunk)
            hand([])
            if !headed { out.write("{\"format\":\"\(parsed.format.rawValue)\",\"items\":[") }
            out.write("]," + ParsedFeedJSON.encodeTail(parsed) + "}\n")
            out.flush()
        } catch {
            printError("chipwatch parse-file: \(error)")
            throw ExitCode(ExitStatus.dataError)
        }
    }

    /// A chunk of items encoded on other threads: their JSON, comma-separated, with a comma
    /// before the first when earlier items were written.
    private static func encode(_ items: [FeedItem], leadingComma: Bool) -> Background<[UInt8]> {
        Background {
            let encoded = Parallel.map(items) { Array(ParsedFeedJSON.encode($0).utf8) }
            var joined: [UInt8] = []
            joined.reserveCapacity(encoded.reduce(items.count) { $0 + $1.count })
            for (index, item) in encoded.enumerated() {
                if index > 0 || leadingComma { joined.append(UInt8(ascii: ",")) }
                joined.append(contentsOf: item)
            }
            return joined
        }
    }

    /// The file's bytes, a regular file read straight into the array the parser takes (no
    /// second copy of a large feed); anything else (a pipe, a device) as Foundation reads it.
    private static func read(_ path: String) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        return filled == bytes.count ? bytes : Array(bytes[0..<filled])
    }
}

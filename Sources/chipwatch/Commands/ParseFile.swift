// SECURITY: reads one local file; no network, no store, no credentials.
import ArgumentParser
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

    func run() throws {
        guard let bytes = FileManager.default.contents(atPath: file).map({ [UInt8]($0) }) else {
            printError("chipwatch parse-file: cannot read \(file)")
            throw ExitCode(ExitStatus.ioError)
        }
        let out = BufferedOutput()
        var started = false
        do {
            let parsed = try FeedParser.parse(bytes, contentType: contentType, url: url, source: file) { format, item in
                out.write(started ? "," : "{\"format\":\"\(format.rawValue)\",\"items\":[")
                started = true
                out.write(ParsedFeedJSON.encode(item))
            }
            if !started { out.write("{\"format\":\"\(parsed.format.rawValue)\",\"items\":[") }
            out.write("]," + ParsedFeedJSON.encodeTail(parsed) + "}\n")
            out.flush()
        } catch {
            printError("chipwatch parse-file: \(error)")
            throw ExitCode(ExitStatus.dataError)
        }
    }
}

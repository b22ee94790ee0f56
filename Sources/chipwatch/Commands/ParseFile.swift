// SECURITY: reads one local file; no network, no store, no credentials.
import ArgumentParser
import Foundation
import Parse

/// `chipwatch parse-file`: parses one file without touching the store and prints JSON.
struct ParseFile: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse-file",
        abstract: "Parse one feed file and print it as JSON (exit 65 when it is not a feed).")

    @Argument(help: "An RSS, Atom or JSON Feed file.") var file: String
    @Option(name: .customLong("content-type"), help: "The HTTP Content-Type it came with (its charset wins).")
    var contentType: String?
    @Option(help: "The URL it came from, for relative links.") var url: String?

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            printError("chipwatch parse-file: cannot read \(file)")
            throw ExitCode(ExitStatus.ioError)
        }
        do {
            let parsed = try FeedParser.parse([UInt8](data), contentType: contentType, url: url, source: file)
            print(ParsedFeedJSON.encode(parsed))
        } catch {
            printError("chipwatch parse-file: \(error)")
            throw ExitCode(ExitStatus.dataError)
        }
    }
}

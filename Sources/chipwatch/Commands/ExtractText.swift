// SECURITY: reads stdin and the dictionary; no network, no store, no credentials.
import ArgumentParser
import Core
import Extract
import Foundation
import Wire

/// `chipwatch extract-text`: the extractor on JSON lines, without the store.
struct ExtractText: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract-text",
        abstract: "Extract signals from JSON lines on stdin, one JSON line out per line in.",
        discussion: """
            Input lines: {"id": "...", "title": "...", "text": "...", "date": "YYYY-MM-DD"} (date may be \
            YYYY-MM, meaning its first day, or null). A line that cannot be read gives {"id": ..., "error": ...} \
            and the command exits 65 after the last line.
            """)

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Add each signal's confidence features (for Tests/Evaluation/train-confidence.py).") var features = false

    /// The fields an input line is read for (others are ignored); any JSON value, so a line
    /// with a number for a title still reads (as an empty title), as it always has.
    private struct Input: Decodable {
        var id: AnyJSON?
        var title: AnyJSON?
        var text: AnyJSON?
        var date: AnyJSON?
    }

    /// What one input line gives: its output line, or an error for stderr beside an error line.
    private struct Outcome {
        var bytes: [UInt8] = []
        var error: String? = nil
    }

    /// Lines read per batch: enough to keep every core busy, few enough to stream.
    private static let batchLines = 256

    func run() throws {
        let extractor = Extractor(dictionary: try global.loadDictionary())
        let out = BufferedOutput()
        var lines = LineReader()
        var bad = 0
        var number = 0
        let features = features
        while true {
            var batch: [Line] = []
            while batch.count < ExtractText.batchLines, let line = lines.next() {
                number += 1
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
                batch.append(Line(number: number, bytes: Array(line)))
            }
            if batch.isEmpty { break }
            // Items are independent: a batch is read and extracted on every core, and written in
            // input order, so the output is the same as one line at a time.
            let outcomes = Parallel.map(batch, context: { JSONDecoder() }) { decoder, line in
                ExtractText.outcome(of: line.bytes, number: line.number, extractor: extractor, features: features, decoder: decoder)
            }
            for outcome in outcomes {
                if let error = outcome.error {
                    bad += 1
                    printError("chipwatch extract-text: stdin \(error)")
                }
                out.write(bytes: outcome.bytes)
            }
        }
        out.flush()
        if bad > 0 { throw ExitCode(ExitStatus.dataError) }
    }

    /// An input line and its number (1-based, blank lines counted).
    private struct Line: Sendable {
        var number: Int
        var bytes: [UInt8]
    }

    private static func outcome(of line: [UInt8], number: Int, extractor: Extractor, features: Bool,
                                decoder: JSONDecoder) -> Outcome {
        // Bytes that are not UTF-8 are read as `readLine` read them: repaired.
        guard let input = (try? decoder.decode(Input.self, from: Data(line)))
                ?? (try? decoder.decode(Input.self, from: Data(String(decoding: line, as: UTF8.self).utf8))) else {
            return Outcome(bytes: Array(WireJSON.line(ExtractErrorJSON(id: .null, error: "line \(number): not a JSON object")).utf8),
                           error: "line \(number): not a JSON object")
        }
        let id = input.id ?? .null
        var date: Date? = nil
        if let written = input.date?.string {
            date = Timestamp.parse(written) ?? Timestamp.parse(written + "-01")
            if date == nil {
                let message = "line \(number): date \"\(written)\" is not YYYY-MM-DD"
                return Outcome(bytes: Array(WireJSON.line(ExtractErrorJSON(id: id, error: message)).utf8), error: message)
            }
        }
        let (result, seen) = extractor.extractWithFeatures(title: input.title?.string ?? "",
                                                           text: input.text?.string ?? "", published: date)
        return Outcome(bytes: WireJSON.bytes(ExtractedItemJSON(id: id, extraction: result, features: features ? seen : nil))
                       + [UInt8(ascii: "\n")])
    }
}

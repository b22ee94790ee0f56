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

    func run() throws {
        let extractor = Extractor(dictionary: try global.loadDictionary())
        let out = BufferedOutput()
        let decoder = JSONDecoder()
        var lines = LineReader()
        var bad = 0
        var number = 0
        while let line = lines.next() {
            number += 1
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            // Bytes that are not UTF-8 are read as `readLine` read them: repaired.
            guard let input = (try? decoder.decode(Input.self, from: Data(line)))
                    ?? (try? decoder.decode(Input.self, from: Data(String(decoding: line, as: UTF8.self).utf8))) else {
                bad += 1
                printError("chipwatch extract-text: stdin line \(number): not a JSON object")
                out.write(WireJSON.line(ExtractErrorJSON(id: .null, error: "line \(number): not a JSON object")))
                continue
            }
            let id = input.id ?? .null
            var date: Date? = nil
            if let written = input.date?.string {
                date = Timestamp.parse(written) ?? Timestamp.parse(written + "-01")
                if date == nil {
                    bad += 1
                    printError("chipwatch extract-text: stdin line \(number): date \"\(written)\" is not YYYY-MM-DD")
                    out.write(WireJSON.line(ExtractErrorJSON(id: id, error: "line \(number): date \"\(written)\" is not YYYY-MM-DD")))
                    continue
                }
            }
            let (result, seen) = extractor.extractWithFeatures(title: input.title?.string ?? "",
                                                               text: input.text?.string ?? "", published: date)
            out.write(bytes: WireJSON.bytes(ExtractedItemJSON(id: id, extraction: result, features: features ? seen : nil)))
            out.write(bytes: [UInt8(ascii: "\n")])
        }
        out.flush()
        if bad > 0 { throw ExitCode(ExitStatus.dataError) }
    }
}

// Parse benchmark, chipwatch's side: parses every file under a folder ROUNDS times and
// prints one line "bytes items seconds" (best round). Tests/Benchmarks/parse-bench.sh runs
// it beside a C program that only walks the same bytes with libxml2's SAX parser.
import Core
import Foundation
import Parse
import XML

/// `--walk`: the same SAX events delivered to a handler that does nothing, to tell the
/// cost of the Swift bridge from the cost of building feeds.
final class NullHandler: XMLEventHandler {
    func startElement(_ name: XMLName, attributes: XMLAttributes) -> Bool { false }
    func endElement(_ name: XMLName) -> Bool { false }
    func characters(_ text: UnsafeBufferPointer<UInt8>) {}
}

var arguments = CommandLine.arguments
let walkOnly = arguments.contains("--walk")
let check = arguments.contains("--check")
arguments.removeAll { $0 == "--walk" || $0 == "--check" }
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: chipwatch-bench-parse DIR [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
var inputs: [[UInt8]] = []
var names: [String] = []
if let walker = FileManager.default.enumerator(atPath: arguments[1]) {
    for case let path as String in walker where path.hasSuffix(".xml") || path.hasSuffix(".rss") || path.hasSuffix(".atom") {
        if let data = FileManager.default.contents(atPath: arguments[1] + "/" + path) { inputs.append([UInt8](data)); names.append(path) }
    }
}
let bytes = inputs.reduce(0) { $0 + $1.count }
let walkSession = SAXSession()
if check {
    // `--check`: every file parsed one after another with one reused session must come out
    // as it does from a fresh session of its own, and as it does with items streamed out.
    // Twice through one session: in folder order and in reverse, so each document also
    // follows different neighbours.
    let shared = ParseSession()
    var differ = 0
    for k in Array(inputs.indices) + inputs.indices.reversed() {
        let input = inputs[k]
        let reused = try? FeedParser.parse(input, source: "check", session: shared)
        let fresh = try? FeedParser.parse(input, source: "check", session: ParseSession())
        // Items streamed out as read take the other path for encodings (checked first).
        var streamed: [FeedItem] = []
        var eager = try? FeedParser.parse(input, source: "check", onItem: { streamed.append($1) })
        eager?.items = streamed
        if reused != fresh || reused != eager { differ += 1; print("differs: \(names[k])") }
    }
    print("\(inputs.count) inputs read twice, \(differ) differ")
    exit(differ == 0 ? 0 : 1)
}
var best = Double.infinity
var items = 0
for _ in 0..<rounds {
    let start = DispatchTime.now().uptimeNanoseconds
    var count = 0
    for input in inputs {
        if walkOnly {
            _ = SAXParser.parse(input, handler: NullHandler(), session: walkSession)
        } else if let feed = try? FeedParser.parse(input, source: "bench") {
            count += feed.items.count
        }
    }
    best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    items = count
}
print("\(bytes) \(items) \(best) \(inputs.count)")

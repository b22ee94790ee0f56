// Extract benchmark: items per second on one core with the full default dictionary over a
// synthetic stream of news-like items (target >= 20,000 items/s), beside a reference pass
// that only lower-cases and splits the same text into words, so the figure can be read as
// a ratio on any machine. Run: bash Tests/Benchmarks/extract-bench.sh
import Config
import Core
import Extract
import Foundation

let arguments = CommandLine.arguments
let dictionaryPath = arguments.count > 1 ? arguments[1] : "feeds/dictionary.yaml"
let count = arguments.count > 2 ? Int(arguments[2]) ?? 100_000 : 100_000
/// With a third argument, the same stream is also written there as `extract-text` input lines.
let linesPath = arguments.count > 3 ? arguments[3] : nil
let dictionary = try DictionaryFile.load(path: dictionaryPath)

/// A deterministic generator (SplitMix64), so every run reads the same stream.
struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ list: [T]) -> T { list[Int(next() % UInt64(list.count))] }
}

let products = dictionary.products.flatMap { [$0.name] + $0.aliases.prefix(2) }
let vendors = dictionary.vendors.map(\.name)
let verbs = ["has started shipping", "reportedly delayed", "unveiled", "plans to launch", "scrapped", "is sampling",
             "denied it had unveiled", "has not yet shipped", "said it will ship", "entered mass production of"]
let windows = ["in the first quarter of 2026", "in 2H 2026", "next year", "by the end of 2027", "in mid-2026", "in March", ""]
let filler = ["Analysts expect demand from cloud providers to stay strong through the year.",
              "The company did not comment on pricing or volumes.",
              "Shares rose 3% in early trading after the announcement.",
              "The chip uses 128 GB of HBM and delivers 1 PFLOPS of FP8 compute.",
              "Export controls continue to shape the market for accelerators in China.",
              "BIS added several Chinese firms to the Entity List last month."]
var generator = Generator(state: 2026)
var items: [(String, String)] = []
items.reserveCapacity(count)
for _ in 0..<count {
    let vendor = generator.pick(vendors), product = generator.pick(products)
    let title = "\(vendor) \(generator.pick(verbs)) \(product)"
    var text = "\(vendor) \(generator.pick(verbs)) the \(product) \(generator.pick(windows)), people familiar with the matter said."
    for _ in 0..<3 { text += " " + generator.pick(filler) }
    items.append((title, text))
}
let bytes = items.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count }
if let linesPath {
    struct Line: Encodable { var id: String, title: String, text: String, date: String }
    var out = Data()
    for (index, (title, text)) in items.enumerated() {
        out += try JSONEncoder().encode(Line(id: String(index), title: title, text: text, date: "2026-03-20"))
        out.append(0x0A)
    }
    try out.write(to: URL(fileURLWithPath: linesPath))
}
let published = Timestamp.parse("2026-03-20")

func best(_ rounds: Int, _ body: () -> Int) -> (Double, Int) {
    var fastest = Double.infinity
    var result = 0
    for _ in 0..<rounds {
        let start = DispatchTime.now().uptimeNanoseconds
        result = body()
        fastest = min(fastest, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (fastest, result)
}

let extractor = Extractor(dictionary: dictionary)
let (seconds, signals) = best(3) {
    var total = 0
    for (title, text) in items { total += extractor.extract(title: title, text: text, published: published).signals.count }
    return total
}
let (referenceSeconds, words) = best(3) {
    var total = 0
    for (title, text) in items {
        total += title.lowercased().split(separator: " ").count + text.lowercased().split(separator: " ").count
    }
    return total
}
print(String(format: "extract benchmark: %d items, %.1f MB, %d signals, best of 3", count, Double(bytes) / 1e6, signals))
print(String(format: "  reference (lower-case + split words) %10.0f items/s  (%d words)", Double(count) / referenceSeconds, words))
print(String(format: "  chipwatch extractor                  %10.0f items/s  (target >= 20000)", Double(count) / seconds))
print(String(format: "  ratio (extractor / reference) %.2f", referenceSeconds / seconds))

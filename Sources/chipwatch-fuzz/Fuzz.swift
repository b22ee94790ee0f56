// A libFuzzer target for the feed parser (recipe in README, "Fuzzing").
// Built with -DFUZZING and -sanitize=fuzzer,address it is a fuzzer; built normally it replays
// the files named on its command line, so every crasher found once stays a test input.
import Foundation
import Parse
import XML

/// Parses one input the way the parse stage does, with and without an HTTP charset, with
/// items streamed out as `parse-file` does (the other encoding path), and reads it as the
/// HTML of an item's text. Parses share pooled sessions, so one input follows another in
/// the same libxml2 context, as in the parse stage.
func parseOne(_ bytes: [UInt8]) {
    _ = try? FeedParser.parse(bytes, contentType: nil, url: "https://example.com/feed", source: "fuzz")
    _ = try? FeedParser.parse(bytes, contentType: "text/xml; charset=windows-1252", url: nil, source: "fuzz")
    _ = try? FeedParser.parse(bytes, source: "fuzz") { _, _ in }
    _ = bytes.withUnsafeBufferPointer { HTMLText.plainText($0) }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    parseOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Replays saved inputs (files or folders of files) through the parser.
@main
struct Replay {
    static func main() {
        var replayed = 0
        for path in CommandLine.arguments.dropFirst() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            let files = isDirectory.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).map { path + "/" + $0 }
                : [path]
            for file in files {
                if let data = FileManager.default.contents(atPath: file) {
                    parseOne([UInt8](data))
                    replayed += 1
                }
            }
        }
        print("replayed \(replayed) inputs without a crash")
    }
}
#endif

import Foundation
@testable import Review
import Testing

/// A table reads its source once: the rendered rows wait in a temporary file between sizing
/// the columns and printing them, and come back exactly as written.
@Suite("Listings: rows kept between a table's passes")
struct RowSpillTests {
    @Test("rows come back as written, across the file's buffer boundaries")
    func roundTrip() throws {
        let spill = try #require(RowSpill())
        let big = String(repeating: "昇腾950PR ", count: 20_000)   // over 64 KB in one cell
        var written: [[String]] = []
        for i in 0..<5_000 {
            let row = ["\(i)", i % 7 == 0 ? "" : "cell \(i) 🚀", i == 2_500 ? big : "e\u{301}", "last"]
            written.append(row)
            try spill.append(row)
        }
        var read: [[String]] = []
        try spill.forEach { read.append($0) }
        #expect(read == written)
    }

    @Test("a streamed table reads its source once and prints what a table of all rows prints")
    func streamedOnce() throws {
        let rows = (0..<300).map { ["\($0)", String(repeating: "x", count: $0 % 40), "Ascend 950PR \($0)"] }
        var reads = 0
        var printed = ""
        try Listing.stream(.table, columns: ["n", "text", "product"], width: 60, row: { (r: [String]) in r }, json: { _ in "" },
                           each: { body in
                               reads += 1
                               for row in rows { try body(row) }
                           }, to: { printed += $0 })
        #expect(reads == 1)
        #expect(printed == Table.render(columns: ["n", "text", "product"], rows: rows, width: 60))
    }
}

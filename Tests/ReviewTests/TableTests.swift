import Foundation
@testable import Review
import Testing

/// Table lines are padded and cut by characters as Foundation pads them (UTF-16 units): the
/// fast path for plain text must give the same bytes for every kind of text.
@Suite("Listings: table")
struct TableTests {
    /// The table line as written before the fast path: Foundation's search and padding.
    static func reference(_ row: [String], widths: [Int]) -> String {
        row.indices.map { index in
            let cell = row[index].contains("\n") ? row[index].replacingOccurrences(of: "\n", with: " ") : row[index]
            let fitted = cell.count > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
            return index == row.count - 1 ? fitted : fitted.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ") + "\n"
    }

    static let cells = [
        "Huawei Ascend 950PR", "", "two\nlines", "昇腾950PR 已开始量产", "e\u{301}te\u{301}", "rocket 🚀 launch",
        "a\r\nb", "tab\tbed", "a long sentence of evidence that is cut to fit the column width", "…",
        "👨‍👩‍👧 family", "x\r",
    ]

    @Test("every kind of cell gives Foundation's bytes, at every width")
    func sameAsFoundation() {
        for width in [1, 2, 3, 5, 8, 13, 21, 70] {
            for first in Self.cells {
                for second in Self.cells {
                    let row = [first, second, "last"]
                    let widths = [width, max(1, width / 2), 10]
                    #expect(Table.line(row, widths: widths) == Self.reference(row, widths: widths), "\(row) \(widths)")
                }
            }
        }
    }

    @Test("the widest cell is counted in characters")
    func widest() {
        var widest = Table.Widest(columns: ["a", "b"])
        widest.add(["昇腾950PR", "e\u{301}te\u{301}"])
        widest.add(["ab", "a\r\nb"])
        #expect(widest.widths == [7, 4])
    }
}

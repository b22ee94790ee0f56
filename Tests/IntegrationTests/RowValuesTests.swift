import Core
import Foundation
import GRDB
@testable import Store
import StoreRows
import TestSupport
import Testing

/// `insertCached` encodes rows itself (no dictionary, no date formatter); what it writes must
/// be what GRDB's own encoding writes, or rows stored before and after would read differently.
@Suite("Row values")
struct RowValuesTests {
    /// Dates across the supported years, sub-millisecond fractions (cut, not rounded), times
    /// before 1970 and the ends of a day.
    static let dates: [Date] = {
        var generator = SeededGenerator(seed: 0x5EED)   // the same dates every run: a failure reproduces
        var dates = [0, -0.0005, 0.0005, 0.0015, 0.0025, 1.0005, 2.5e-4, -0.0015, 0.0009, 0.9999, -1, 86_399.9995, -86_400.0001, 951_782_400, 1_780_000_000.123456,
                     4_102_444_799.999, -2_208_988_800.5, -62_135_596_800, 253_402_300_799.999]
            .map { Date(timeIntervalSince1970: $0) }
        for _ in 0..<50000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: -62_000_000_000...253_000_000_000, using: &generator)))
        }
        return dates + [Date.distantPast, Date.distantFuture]
    }()

    @Test("a date's text is GRDB's, to the millisecond")
    func dateText() {
        for date in Self.dates {
            #expect(RowValues.dateText(date) == date.databaseValue, "\(date.timeIntervalSince1970)")
        }
    }

    @Test("a date read back is GRDB's, to the bit; other text goes through GRDB")
    func dateRead() {
        for date in Self.dates {
            let text = RowValues.dateText(date)
            #expect(RowValues.date(text) == Date.fromDatabaseValue(text), "\(text)")
        }
        for text in ["2026-03-20", "2026-03-20 08:00", "2026-03-20T08:00:00.000", "2026-13-01 00:00:00.000", "x", "2026-03-20 08:00:00.000Z"] {
            #expect(RowValues.date(text.databaseValue) == Date.fromDatabaseValue(text.databaseValue), "\(text)")
        }
        #expect(RowValues.date(1_780_000_000.5.databaseValue) == Date(timeIntervalSince1970: 1_780_000_000.5))
    }

    @Test("a record's columns and values are GRDB's, nil optionals as NULL")
    func record() throws {
        var item = ItemRecord(ItemRow(key: "k1", title: "Title", link: "https://example.com/a", summary: "s", content: "",
                                      published: nil, updated: nil, linksJSON: "[]", authorsJSON: "[]",
                                      categoriesJSON: "[]", enclosuresJSON: "[]", editHash: "h"),
                              feedID: "f", documentID: 7, at: Date(timeIntervalSince1970: 1_780_000_000.4567))
        item.published = Date(timeIntervalSince1970: 1_779_000_000.25)
        let ours = try RowValues(item)
        let grdb = try item.databaseDictionary
        #expect(Set(ours.columns) == Set(grdb.keys))
        #expect(ours.columns.count == grdb.count)
        for (column, value) in zip(ours.columns, ours.values) {
            #expect(value == grdb[column], "\(column)")
        }
        #expect(ours.values[ours.columns.firstIndex(of: "updated")!] == .null)
    }

    @Test("rows inserted many to a statement are the rows inserted one by one, in order")
    func insertMany() throws {
        let dir = try TempDir()
        let db = try DatabaseQueue(path: dir.path + "/rows.sqlite")
        try db.write { db in
            for table in ["one", "many"] {
                try db.execute(sql: "CREATE TABLE \(table) (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                                   + "name TEXT NOT NULL, size INTEGER, at DATETIME)")
            }
        }
        struct Entry: Encodable { var id: Int64?; var name: String; var size: Int?; var at: Date }
        // More rows than one statement holds, with NULLs among them.
        let entries = (0..<1234).map {
            Entry(id: nil, name: "e\($0)", size: $0 % 3 == 0 ? nil : $0, at: Date(timeIntervalSince1970: 1_780_000_000 + Double($0) * 0.25))
        }
        try db.write { db in
            for entry in entries { try RowValues(entry).insert(into: "one", db) }
            try RowValues.insert(entries.map(RowValues.init), into: "many", db)
        }
        let one = try db.read { try Row.fetchAll($0, sql: "SELECT * FROM one ORDER BY id") }
        let many = try db.read { try Row.fetchAll($0, sql: "SELECT * FROM many ORDER BY id") }
        #expect(one.count == 1234)
        #expect(many == one)
    }
}

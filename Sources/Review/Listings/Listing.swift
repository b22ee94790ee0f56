import Foundation

/// How list commands print: an aligned table for people, JSON lines or CSV for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

/// Renders rows in one of the output formats.
public struct Listing {
    public var columns: [String]
    public var rows: [[String]]
    /// The rows as JSON lines, encoded from the wire layer's Codable shapes (`--format json`).
    public var json: [String]
    /// Columns to cut first when a table is too wide (free text), before any other.
    public var shrinkFirst: [Int] = []
    /// Columns left out of the table (still in CSV and JSON) when it would not fit otherwise.
    public var tableHidden: Set<Int> = []

    public init(columns: [String], rows: [[String]], json: [String], shrinkFirst: [Int] = [], tableHidden: Set<Int> = []) {
        self.columns = columns
        self.rows = rows
        self.json = json
        self.shrinkFirst = shrinkFirst
        self.tableHidden = tableHidden
    }

    public func render(_ format: OutputFormat, width: Int = Terminal.width) -> String {
        switch format {
        case .table:
            let kept = columns.indices.filter { !tableHidden.contains($0) }
            let shrink = shrinkFirst.compactMap { kept.firstIndex(of: $0) }
            return Table.render(columns: kept.map { columns[$0] }, rows: rows.map { row in kept.map { row[$0] } },
                                width: width, shrinkFirst: shrink)
        case .csv: return CSV.render(header: columns, rows: rows)
        case .json: return json.joined()
        }
    }
}

extension Listing {
    /// Writes the rows `each` reads as they are read, never holding them all: JSON lines and
    /// CSV in one pass; a table reads its source once, sizing the columns while the rendered
    /// rows wait in a temporary file (`RowSpill`), or twice when no such file can be made.
    public static func stream<T>(_ format: OutputFormat, columns: [String], shrinkFirst: [Int] = [], width: Int = Terminal.width,
                                 row: @escaping (T) -> [String], json: @escaping (T) -> String,
                                 each: ((T) throws -> Void) throws -> Void, to out: @escaping (String) -> Void) throws {
        switch format {
        case .json:
            try each { out(json($0)) }
        case .csv:
            out(CSV.render(header: columns, rows: []))
            try each { out(CSV.render(header: nil, rows: [row($0)])) }
        case .table:
            var widest = Table.Widest(columns: columns)
            if let spill = RowSpill() {
                try each { item in
                    let cells = row(item)
                    widest.add(cells)
                    try spill.append(cells)
                }
                let widths = Table.fitted(widest, columns: columns, width: width, shrinkFirst: shrinkFirst)
                out(Table.line(columns, widths: widths))
                try spill.forEach { out(Table.line($0, widths: widths)) }
                return
            }
            try each { widest.add(row($0)) }
            let widths = Table.fitted(widest, columns: columns, width: width, shrinkFirst: shrinkFirst)
            out(Table.line(columns, widths: widths))
            try each { out(Table.line(row($0), widths: widths)) }
        }
    }
}

public enum CSV {
    /// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
    public static func render(header: [String]?, rows: [[String]]) -> String {
        ((header.map { [$0] } ?? []) + rows).map { $0.map(field).joined(separator: ",") + "\r\n" }.joined()
    }

    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

public enum Table {
    /// Columns padded to their widest cell; when the total passes `width`, the widest
    /// columns are cut (with an ellipsis) until it fits.
    public static func render(columns: [String], rows: [[String]], width: Int, shrinkFirst: [Int] = []) -> String {
        var widest = Widest(columns: columns)
        for row in rows { widest.add(row) }
        let widths = fitted(widest, columns: columns, width: width, shrinkFirst: shrinkFirst)
        return ([columns] + rows).map { line($0, widths: widths) }.joined()
    }

    /// The widest cell of each column so far: what a table written in two passes over its
    /// rows keeps from the first.
    public struct Widest {
        public private(set) var widths: [Int]
        public init(columns: [String]) { widths = columns.map(\.count) }
        public mutating func add(_ row: [String]) {
            for index in widths.indices { widths[index] = max(widths[index], Table.characters(Table.cell(row[index]))) }
        }
    }

    /// A row as printed with `widths` (from `fitted`), newline included.
    public static func line(_ row: [String], widths: [Int]) -> String {
        row.indices.map { index in
            let cell = Self.cell(row[index])
            let fitted = characters(cell) > widths[index] ? String(cell.prefix(widths[index] - 1)) + "…" : cell
            if index == row.count - 1 { return fitted }
            // Padded as Foundation's `padding(toLength:)` pads, in UTF-16 units; spelt out
            // for the usual case (a tenth of a long listing's time went to the bridge).
            let units = fitted.utf16.count
            return units <= widths[index] ? fitted + String(repeating: " ", count: widths[index] - units)
                : fitted.padding(toLength: widths[index], withPad: " ", startingAt: 0)
        }.joined(separator: "  ") + "\n"
    }

    /// How many characters `text` shows: its bytes when it is ASCII without a CR (a CR LF
    /// pair is one character), else its `count`.
    static func characters(_ text: String) -> Int {
        text.utf8.allSatisfy { $0 < 0x80 && $0 != 13 } ? text.utf8.count : text.count
    }

    /// The column widths: the widest cells, cut until the table fits `width`.
    public static func fitted(_ widest: Widest, columns: [String], width: Int, shrinkFirst: [Int] = []) -> [Int] {
        var widths = widest.widths
        let gaps = 2 * max(0, columns.count - 1)
        // Free-text columns give way first, down to a readable 16 characters.
        for index in shrinkFirst {
            let excess = widths.reduce(0, +) + gaps - width
            if excess > 0 { widths[index] = max(min(16, widths[index]), widths[index] - excess) }
        }
        while widths.reduce(0, +) + gaps > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }),
              widths[widest] > max(6, columns[widest].count) {
            widths[widest] -= 1
        }
        return widths
    }

    private static func cell(_ text: String) -> String {
        // A byte search: `contains("\n")` went through Foundation's string search.
        text.utf8.contains(10) ? text.replacingOccurrences(of: "\n", with: " ") : text
    }
}

public enum Terminal {
    /// `$COLUMNS` when set, else 100 (the width tables are designed for).
    public static var width: Int {
        ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 100
    }
}

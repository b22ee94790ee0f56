import Core
import Foundation
import Wire

public enum SignalListing {
    public static let columns = ["date", "vendor", "product", "event", "modality", "window", "source", "title"]

    /// One copy as a row of the table and CSV.
    public static func row(_ v: SignalRecord) -> [String] {
        [String(Timestamp.format(v.published ?? .distantPast).prefix(10)), v.signal.vendors.joined(separator: ","),
         v.signal.product ?? (v.signal.lists.first ?? "-"), v.signal.event.rawValue, v.signal.modality.rawValue,
         v.signal.window?.description ?? "-", v.feedID, v.title]
    }

    /// Free-text columns, cut first when the table is too wide.
    static let shrinkFirst = [7, 2]

    /// Writes every copy `each` reads in `format` as it is read, never holding the log.
    public static func write(_ format: OutputFormat, width: Int = Terminal.width,
                             each: ((SignalRecord) throws -> Void) throws -> Void, to out: @escaping (String) -> Void) throws {
        try Listing.stream(format, columns: columns, shrinkFirst: shrinkFirst, width: width, row: row,
                           json: { WireJSON.line(SignalLogJSON($0)) }, each: each, to: out)
    }

    public static func stories(_ views: [SignalRecord]) -> Listing {
        var order: [String] = []
        var groups: [String: [SignalRecord]] = [:]
        for v in views {
            let key = "\(v.storyID) \(v.signal.event.rawValue) \(v.signal.product ?? "-")"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(v)
        }
        var rows: [[String]] = []
        var json: [String] = []
        for key in order {
            let copies = groups[key]!
            let first = copies[0]
            let sources = Set(copies.map(\.feedID)).sorted()
            rows.append([String(Timestamp.format(first.published ?? .distantPast).prefix(10)), first.signal.vendors.joined(separator: ","),
                         first.signal.product ?? (first.signal.lists.first ?? "-"), first.signal.event.rawValue,
                         first.signal.modality.rawValue, first.signal.window?.description ?? "-", String(sources.count), first.title])
            json.append(WireJSON.line(SignalLogJSON(first, sources: sources, copies: copies.count)))
        }
        return Listing(columns: ["date", "vendor", "product", "event", "modality", "window", "srcs", "title"],
                       rows: rows, json: json, shrinkFirst: [7, 2])
    }
}

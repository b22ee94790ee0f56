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

    /// One copy as it is printed in `format`, for output written as the log is read (JSON and
    /// CSV; a table needs every row first to size its columns).
    public static func line(_ v: SignalRecord, format: OutputFormat) -> String {
        format == .json ? WireJSON.line(SignalLogJSON(v)) : CSV.render(header: nil, rows: [row(v)])
    }

    public static func copies(_ views: [SignalRecord]) -> Listing {
        Listing(columns: columns, rows: views.map(row), json: views.map { WireJSON.line(SignalLogJSON($0)) }, shrinkFirst: [7, 2])
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

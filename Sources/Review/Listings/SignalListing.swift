import Core
import Foundation
import Wire

public enum SignalListing {
    public static func copies(_ views: [SignalRecord]) -> Listing {
        let rows = views.map { v in
            [String(Timestamp.format(v.published ?? .distantPast).prefix(10)), v.signal.vendors.joined(separator: ","),
             v.signal.product ?? (v.signal.lists.first ?? "-"), v.signal.event.rawValue, v.signal.modality.rawValue,
             v.signal.window?.description ?? "-", v.feedID, v.title]
        }
        return Listing(columns: ["date", "vendor", "product", "event", "modality", "window", "source", "title"],
                       rows: rows, json: views.map { WireJSON.line(SignalLogJSON($0)) }, shrinkFirst: [7, 2])
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
